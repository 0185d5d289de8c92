package dev.vireo.ui.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;

import dev.vireo.api.Credentials;

/**
 * Passwords the user chose to remember, in Eclipse secure storage: encrypted, in a file of
 * Vireo's own, under a random key readable only by the user. Never in preferences or logs.
 */
public final class SavedPasswords {
    private static ISecurePreferences storage;

    private SavedPasswords() {
    }

    /** The saved credentials for a connection URI, or {@code null}. */
    public static synchronized Credentials load(String uri) {
        try {
            ISecurePreferences root = storage();
            String node = EncodingUtils.encodeSlashes(uri);
            if (!root.nodeExists(node)) {
                return null;
            }
            ISecurePreferences n = root.node(node);
            String password = n.get("password", null);
            return password == null ? null : new Credentials(n.get("user", ""), password.toCharArray());
        } catch (StorageException | IOException e) {
            ILog.of(SavedPasswords.class).error("Cannot read a saved password from secure storage", e);
            return null;
        }
    }

    public static synchronized void save(String uri, Credentials credentials) {
        try {
            ISecurePreferences n = storage().node(EncodingUtils.encodeSlashes(uri));
            n.put("user", credentials.user(), false);
            n.put("password", new String(credentials.password()), true);
            n.flush();
        } catch (StorageException | IOException e) {
            ILog.of(SavedPasswords.class).error("Cannot save the password in secure storage", e);
        }
    }

    public static synchronized void forget(String uri) {
        try {
            storage().node(EncodingUtils.encodeSlashes(uri)).removeNode();
            storage().flush();
        } catch (IOException e) {
            ILog.of(SavedPasswords.class).error("Cannot remove a saved password", e);
        }
    }

    /** Where the storage lives: the encrypted file and its key, for tests that check what is on disk. */
    public static Path location() {
        return Platform.getStateLocation(Platform.getBundle("dev.vireo.ui")).toPath();
    }

    private static ISecurePreferences storage() throws IOException {
        if (storage == null) {
            Path key = location().resolve("secure-storage.key");
            if (!Files.exists(key)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(key, Base64.getEncoder().encodeToString(random));
            }
            Map<Object, Object> options = Map.of(IProviderHints.DEFAULT_PASSWORD,
                    new PBEKeySpec(Files.readString(key).toCharArray()), IProviderHints.PROMPT_USER, Boolean.FALSE);
            storage = SecurePreferencesFactory.open(location().resolve("secure_storage").toUri().toURL(), options);
        }
        return storage;
    }
}
