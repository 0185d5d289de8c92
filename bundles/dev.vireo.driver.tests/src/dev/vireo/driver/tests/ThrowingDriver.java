package dev.vireo.driver.tests;

import dev.vireo.driver.DriverCode;

/** A third-party driver whose code fails as soon as it is made. */
public class ThrowingDriver implements DriverCode {
    public ThrowingDriver() {
        throw new IllegalStateException("this driver is broken on purpose");
    }
}
