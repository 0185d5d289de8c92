package dev.vireo.rfb;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFB's "VNC Authentication" (security type 2): the server's 16-byte challenge encrypted with DES,
 * the key being the password's first 8 bytes with each byte's bits reversed (as VNC always did).
 * DES is weak; the protocol offers nothing else, which is why Vireo reaches remote displays over ssh.
 */
final class VncAuth {
    private VncAuth() {
    }

    static byte[] response(byte[] challenge, String password) throws GeneralSecurityException {
        byte[] key = new byte[8];
        byte[] typed = password.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < Math.min(8, typed.length); i++) {
            key[i] = (byte) (Integer.reverse(typed[i] & 0xff) >>> 24);
        }
        Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
        des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
        return des.doFinal(challenge);
    }
}
