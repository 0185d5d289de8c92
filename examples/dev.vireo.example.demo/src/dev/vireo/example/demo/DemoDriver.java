package dev.vireo.example.demo;

import dev.vireo.driver.DriverCode;

/** Every demo:/// URI opens libvirt's embedded test driver. */
public class DemoDriver implements DriverCode {
    @Override
    public String libvirtUri(String uri) {
        return "test:///default";
    }
}
