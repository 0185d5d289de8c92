package dev.vireo.ui.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.spec.PBEKeySpec;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.eclipse.osgi.util.NLS;

import dev.vireo.api.Credentials;
import dev.vireo.ui.Messages;

/**
 * Passwords the user chose to remember, in Eclipse secure storage, never in preferences or logs.
 * The storage's master key lives in the desktop keyring (a Secret Service such as GNOME Keyring,
 * through Equinox's libsecret provider) where one answers; only where none does, in a file
 * beside the storage readable by the user alone, which the Log In dialog says.
 * <p>
 * Opening the storage talks to the keyring over D-Bus: call from a worker, never the UI thread.
 */
public final class SavedPasswords {
    /** Where the key that encrypts the saved passwords is kept. */
    public enum Protection {
        KEYRING, FILE_KEY
    }

    /** The provider extension of {@code org.eclipse.equinox.security.linux}: the desktop keyring. */
    private static final String KEYRING_PROVIDER = "org.eclipse.equinox.internal.security.linux.LinuxPasswordProvider";
    private static SavedPasswords workbench;

    private final Path location;
    private final String keyringModule;
    private ISecurePreferences storage;
    private Protection protection;

    /**
     * @param keyringModule the secure-storage module that keeps the key in the keyring, or
     *     {@code null} for none: the file key
     */
    public SavedPasswords(Path location, String keyringModule) {
        this.location = location;
        this.keyringModule = keyringModule;
    }

    /** The workbench's saved passwords, in the UI bundle's state location. */
    public static synchronized SavedPasswords workbench() {
        if (workbench == null) {
            workbench = new SavedPasswords(Platform.getStateLocation(Platform.getBundle("dev.vireo.ui")).toPath(),
                    keyringModule());
        }
        return workbench;
    }

    /** The id of the installed keyring module, or {@code null} if the product has none. */
    public static String keyringModule() {
        IConfigurationElement[] providers = Platform.getExtensionRegistry()
                .getConfigurationElementsFor("org.eclipse.equinox.security.secureStorage");
        return Stream.of(providers).filter(p -> KEYRING_PROVIDER.equals(p.getAttribute("class")))
                .map(p -> p.getDeclaringExtension().getUniqueIdentifier()).findFirst().orElse(null);
    }

    /** The saved credentials for a connection URI, or {@code null}. */
    public synchronized Credentials load(String uri) {
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
            ILog.of(SavedPasswords.class).error(Messages.CANNOT_READ_A_SAVED_PASSWORD_FROM, e);
            return null;
        }
    }

    public synchronized void save(String uri, Credentials credentials) {
        try {
            ISecurePreferences n = storage().node(EncodingUtils.encodeSlashes(uri));
            n.put("user", credentials.user(), false);
            n.put("password", new String(credentials.password()), true);
            n.flush();
        } catch (StorageException | IOException e) {
            ILog.of(SavedPasswords.class).error(Messages.CANNOT_SAVE_THE_PASSWORD_IN_SECURE, e);
        }
    }

    public synchronized void forget(String uri) {
        try {
            storage().node(EncodingUtils.encodeSlashes(uri)).removeNode();
            storage().flush();
        } catch (IOException e) {
            ILog.of(SavedPasswords.class).error(Messages.CANNOT_REMOVE_A_SAVED_PASSWORD, e);
        }
    }

    /** Where the key is kept; the first call opens the storage (and asks the keyring). */
    public synchronized Protection protection() throws IOException {
        storage();
        return protection;
    }

    /** Where the storage lives, for tests that check what is on disk. */
    public Path location() {
        return location;
    }

    private ISecurePreferences storage() throws IOException {
        if (storage == null) {
            storage = keyringModule == null ? null : keyringStorage();
            if (storage != null) {
                protection = Protection.KEYRING;
            } else {
                storage = fileKeyStorage();
                protection = Protection.FILE_KEY;
            }
        }
        return storage;
    }

    /** The storage keyed by the keyring, or {@code null} if no Secret Service answers. */
    private ISecurePreferences keyringStorage() throws IOException {
        ISecurePreferences s = SecurePreferencesFactory.open(location.resolve("keyring_storage").toUri().toURL(),
                Map.of(IProviderHints.REQUIRED_MODULE_ID, keyringModule, IProviderHints.PROMPT_USER, Boolean.FALSE));
        try {
            // the first encrypted value makes the provider fetch (or create) the key in the keyring
            s.put("keyring-check", "ok", true);
            return s;
        } catch (StorageException e) {
            ILog.of(SavedPasswords.class).warn(NLS.bind(Messages.NO_DESKTOP_KEYRING_ANSWERED_SAVED_PASSWORDS,
                    e.getMessage()));
            return null;
        }
    }

    private ISecurePreferences fileKeyStorage() throws IOException {
        Path key = location.resolve("secure-storage.key");
        if (!Files.exists(key)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.createDirectories(location);
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, Base64.getEncoder().encodeToString(random));
        }
        Map<Object, Object> options = Map.of(IProviderHints.DEFAULT_PASSWORD,
                new PBEKeySpec(Files.readString(key).toCharArray()), IProviderHints.PROMPT_USER, Boolean.FALSE);
        return SecurePreferencesFactory.open(location.resolve("secure_storage").toUri().toURL(), options);
    }
}
