package dev.vireo.driver;

/** Code a driver plugin may add to its declaration ({@code class} attribute of {@code <driver>}). */
public interface DriverCode {

    /** The libvirt URI to open for one of the driver's URIs; by default the URI itself. */
    default String libvirtUri(String uri) {
        return uri;
    }
}
