package dev.vireo.driver.tests;

import dev.vireo.driver.DriverCode;

/** Maps the tests' own {@code pollable:///} onto libvirt's embedded test driver. */
public class PollableDriver implements DriverCode {
    @Override
    public String libvirtUri(String uri) {
        return "test:///default";
    }
}
