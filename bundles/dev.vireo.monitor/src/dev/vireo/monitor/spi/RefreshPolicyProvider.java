package dev.vireo.monitor.spi;

/**
 * Says how each connection is kept current: offered as an OSGi service (the driver registry
 * answers from each connection's driver). Without one, every connection gets the default policy.
 */
public interface RefreshPolicyProvider {
    /** The policy for a connection known to users as {@code uri}. */
    RefreshPolicy policyFor(String uri);
}
