package dev.vireo.driver.tests;

import dev.vireo.driver.DriverCode;

/** A third-party driver whose constructor never returns, as one stuck on a lock or a network call would. */
public class HangingConstructorDriver implements DriverCode {
    public HangingConstructorDriver() throws InterruptedException {
        MisbehavingDriver.NEVER.await();
    }
}
