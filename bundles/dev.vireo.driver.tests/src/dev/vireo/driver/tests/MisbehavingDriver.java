package dev.vireo.driver.tests;

import java.util.concurrent.CountDownLatch;

import dev.vireo.driver.DriverCode;

/** Third-party driver code that goes wrong only when asked for a URI: it throws, hangs, or answers garbage. */
public class MisbehavingDriver implements DriverCode {
    /** Never counted down: the hanging driver waits on it for ever, as a plugin stuck on a lock would. */
    static final CountDownLatch NEVER = new CountDownLatch(1);

    @Override
    public String libvirtUri(String uri) {
        switch (uri.substring(0, uri.indexOf(':'))) {
            case "throws" -> throw new IllegalStateException("cannot map " + uri);
            case "hangs" -> {
                try {
                    NEVER.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "test:///default";
            }
            default -> {
                return "\u0000garbage";
            }
        }
    }
}
