package dev.vireo.driver;

import java.util.Map;

/**
 * A device Add Hardware offers on a driver's hosts, with the values a new one starts with, as the
 * driver plugin declares it: "Disk" adds to {@code disks} with {@code targetBus=virtio}...
 *
 * @param label what the menu says
 * @param list the model's list feature the device goes into ({@code disks}, {@code interfaces}...)
 * @param values feature name to value as text, in declaration order
 * @param domainValues what the device needs of the whole VM (virtiofs: shared memory), the same way
 */
public record DeviceTemplate(String label, String list, Map<String, String> values, Map<String, String> domainValues) {
}
