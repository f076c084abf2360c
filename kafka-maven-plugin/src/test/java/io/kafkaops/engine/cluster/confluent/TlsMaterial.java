package io.kafkaops.engine.cluster.confluent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code 127.0.0.1} made at start with the running JDK's {@code keytool}: a PKCS12 key
 * store (the stand-in's HTTPS server and the test broker's SASL_SSL listener) and a PKCS12 trust store holding only
 * that certificate (for clients).
 */
final class TlsMaterial {

    static final String TYPE = "PKCS12";

    final Path keyStore;
    final Path trustStore;
    /** The key store's password (and its key's). */
    final String password;
    /** The trust store's own password: it opens nothing but the public certificate. */
    final String trustPassword;

    private TlsMaterial(Path keyStore, Path trustStore, String password, String trustPassword) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.password = password;
        this.trustPassword = trustPassword;
    }

    private static String randomPassword() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static TlsMaterial shared;

    /**
     * The certificate of this JVM's test servers, made on first use (keytool is a JVM start of its own) in a
     * temporary directory deleted when the JVM exits.
     */
    static synchronized TlsMaterial shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("kafkaops-ccloud-tls-");
                // deleted in the reverse order of registration: the files first, then the directory
                dir.toFile().deleteOnExit();
                for (String name : new String[] {"server.p12", "truststore.p12", "keytool.out"}) {
                    dir.resolve(name).toFile().deleteOnExit();
                }
                shared = create(dir);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot make the test certificate: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    static TlsMaterial create(Path dir) {
        String password = randomPassword();
        String trustPassword = randomPassword();
        Path keyStore = dir.resolve("server.p12");
        Path trustStore = dir.resolve("truststore.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").startsWith("Windows") ? "keytool.exe" : "keytool");
        ProcessBuilder command = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "7", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", TYPE, "-keystore", keyStore.toString(),
                // the password goes through the environment, not the command line other users can see
                "-storepass:env", "KAFKAOPS_TEST_STORE_PASSWORD", "-keypass:env", "KAFKAOPS_TEST_STORE_PASSWORD")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.out").toFile());
        command.environment().put("KAFKAOPS_TEST_STORE_PASSWORD", password);
        try {
            Process keytoolRun = command.start();
            keytoolRun.getOutputStream().close();
            if (!keytoolRun.waitFor(60, TimeUnit.SECONDS)) {
                keytoolRun.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within 60 s");
            }
            if (keytoolRun.exitValue() != 0 || !Files.isRegularFile(keyStore)) {
                throw new IllegalStateException("keytool failed: "
                        + Files.readString(dir.resolve("keytool.out"), StandardCharsets.UTF_8));
            }
            KeyStore keys = load(keyStore, password);
            Certificate certificate = keys.getCertificate("server");
            KeyStore trust = KeyStore.getInstance(TYPE);
            trust.load(null, null);
            trust.setCertificateEntry("confluent-cloud-test", certificate);
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trust.store(out, trustPassword.toCharArray());
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make the test certificate: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while making the test certificate", e);
        }
        return new TlsMaterial(keyStore, trustStore, password, trustPassword);
    }

    SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore, password), password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the test key store: " + e.getMessage(), e);
        }
    }

    SSLContext clientContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore, trustPassword));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the test trust store: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TYPE);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
