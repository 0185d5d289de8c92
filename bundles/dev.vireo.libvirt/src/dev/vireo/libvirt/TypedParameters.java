package dev.vireo.libvirt;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.sun.jna.Pointer;

/** Reads libvirt's {@code virTypedParameter} arrays. */
final class TypedParameters {
    private static final int FIELD_LENGTH = 80, SIZE = 96, VALUE = 88;

    static Map<String, Object> read(Pointer params, int count) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < count; i++) {
            long at = (long) i * SIZE;
            String field = new String(params.getByteArray(at, FIELD_LENGTH), StandardCharsets.UTF_8);
            field = field.substring(0, Math.max(0, field.indexOf('\0')));
            Object value = switch (params.getInt(at + FIELD_LENGTH)) {
                case 1, 2 -> params.getInt(at + VALUE);
                case 3, 4 -> params.getLong(at + VALUE);
                case 5 -> params.getDouble(at + VALUE);
                case 6 -> params.getByte(at + VALUE) != 0;
                case 7 -> params.getPointer(at + VALUE).getString(0, StandardCharsets.UTF_8.name());
                default -> null;
            };
            if (value != null) {
                values.put(field, value);
            }
        }
        return values;
    }
}
