package dev.tenantconnect.core.internal;

import dev.tenantconnect.core.error.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM reading with the JDK only. Not API. Error messages never include key material. */
public final class Pem {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    // AlgorithmIdentifier for rsaEncryption with NULL parameters, DER.
    private static final byte[] RSA_ALG_ID = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Pem() {
    }

    /**
     * One decoded PEM block.
     *
     * @param type the label, e.g. {@code CERTIFICATE}
     * @param der the decoded bytes
     */
    public record Block(String type, byte[] der) {
    }

    /**
     * @param field the field name for errors
     * @param pem PEM text, possibly several blocks
     * @return the blocks in order
     */
    public static List<Block> blocks(String field, String pem) {
        if (pem == null || pem.isBlank()) {
            throw new ValidationException(field, "must not be empty");
        }
        Matcher m = BLOCK.matcher(pem);
        List<Block> out = new ArrayList<>();
        while (m.find()) {
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new ValidationException(field, "PEM block " + m.group(1) + " is not valid Base64");
            }
        }
        if (out.isEmpty()) {
            throw new ValidationException(field, "no PEM block (-----BEGIN ...-----) found");
        }
        return out;
    }

    /**
     * @param pem PEM text with one or more {@code CERTIFICATE} blocks, leaf first
     * @return the chain
     */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Block b : blocks("certificatePem", pem)) {
                if (b.type().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new ValidationException("certificatePem", "is not a valid X.509 certificate", -1, e);
        }
        if (chain.isEmpty()) {
            throw new ValidationException("certificatePem", "contains no CERTIFICATE block");
        }
        return chain;
    }

    /**
     * Reads an unencrypted private key: PKCS#8 ({@code PRIVATE KEY}, RSA or EC) or PKCS#1 ({@code RSA PRIVATE KEY}).
     *
     * @param pem PEM text
     * @return the key
     */
    public static PrivateKey privateKey(String pem) {
        for (Block b : blocks("privateKeyPem", pem)) {
            switch (b.type()) {
                case "PRIVATE KEY":
                    return pkcs8(b.der());
                case "RSA PRIVATE KEY":
                    return pkcs8(wrapPkcs1(b.der()));
                case "ENCRYPTED PRIVATE KEY":
                    throw new ValidationException("privateKeyPem",
                            "encrypted PEM keys are not supported: use PKCS#12 with a password instead");
                case "EC PRIVATE KEY":
                    throw new ValidationException("privateKeyPem",
                            "SEC1 EC keys are not supported: convert to PKCS#8 (BEGIN PRIVATE KEY)");
                default:
                    // not a key block (e.g. a certificate in the same file): keep looking
            }
        }
        throw new ValidationException("privateKeyPem", "contains no PRIVATE KEY block");
    }

    /**
     * @param der PKCS#8 bytes
     * @return the key, RSA or EC
     */
    public static PrivateKey pkcs8(byte[] der) {
        for (String alg : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new ValidationException("privateKeyPem", "is not a readable RSA or EC PKCS#8 private key");
    }

    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALG_ID);
        body.write(0x04);
        writeLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        byte[] inner = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, inner.length);
        out.writeBytes(inner);
        Arrays.fill(inner, (byte) 0);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int len) {
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write((len >> 8) & 0xff);
            out.write(len & 0xff);
        }
    }

    /**
     * @param type the block label
     * @param der the bytes
     * @return PEM text with 64-character lines
     */
    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
