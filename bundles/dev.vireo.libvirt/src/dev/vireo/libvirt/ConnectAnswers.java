package dev.vireo.libvirt;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.libvirt.ConnectAuth;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

import dev.vireo.api.Credentials;

/**
 * libvirt's credential callback, answered from what the user gave; never prompts itself.
 * libvirt frees each answer with free(), so answers are written into malloc'd memory through
 * {@link NativeCredential}: libvirt-java's own structure declares the answer a Java string, whose
 * JNA-owned memory libvirt would free, which crashes the process.
 */
final class ConnectAnswers extends ConnectAuth {
    private final Credentials credentials;

    ConnectAnswers(Credentials credentials) {
        this.credentials = credentials;
        credType = new CredentialType[] { CredentialType.VIR_CRED_AUTHNAME, CredentialType.VIR_CRED_USERNAME,
                CredentialType.VIR_CRED_PASSPHRASE, CredentialType.VIR_CRED_ECHOPROMPT,
                CredentialType.VIR_CRED_NOECHOPROMPT };
    }

    @Override
    public int authCallback(org.libvirt.jna.virConnectCredential asked, int count, Pointer data) {
        if (credentials == null) {
            return -1; // the host asks and nobody has answered yet: the caller asks the user
        }
        for (Structure s : new NativeCredential(asked.getPointer()).toArray(count)) {
            NativeCredential credential = (NativeCredential) s;
            ByteBuffer answer = switch (CredentialType.mapFromInt(credential.type)) {
                case VIR_CRED_USERNAME, VIR_CRED_AUTHNAME, VIR_CRED_ECHOPROMPT -> StandardCharsets.UTF_8
                        .encode(credentials.user());
                case VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT -> StandardCharsets.UTF_8
                        .encode(CharBuffer.wrap(credentials.password()));
                default -> null;
            };
            if (answer == null) {
                return -1;
            }
            int length = answer.remaining();
            credential.result = new Pointer(Native.malloc(length + 1L));
            credential.result.write(0, answer.array(), answer.arrayOffset() + answer.position(), length);
            credential.result.setByte(length, (byte) 0);
            Arrays.fill(answer.array(), (byte) 0); // no copy of the password left on the heap
            credential.resultlen = length;
            credential.writeField("result");
            credential.writeField("resultlen");
        }
        return 0;
    }

    @Override
    public int callback(Credential[] asked) {
        throw new UnsupportedOperationException("answered in authCallback");
    }

    /** libvirt's {@code virConnectCredential}, with the answer as the raw pointer libvirt frees. */
    @Structure.FieldOrder({ "type", "prompt", "challenge", "defresult", "result", "resultlen" })
    public static final class NativeCredential extends Structure {
        public int type;
        public Pointer prompt;
        public Pointer challenge;
        public Pointer defresult;
        public Pointer result;
        public int resultlen;

        public NativeCredential() {
        }

        NativeCredential(Pointer at) {
            super(at);
            read();
        }
    }
}
