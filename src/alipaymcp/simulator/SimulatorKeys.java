package alipaymcp.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The simulator's identity: the merchant app id, the app key pair (the server signs requests with its
 * private half) and the platform key pair (the simulator signs answers; the server verifies with the
 * public half, its AP_PUB_KEY). Fresh in memory, or kept in a folder so two processes can share them.
 */
record SimulatorKeys(String appId, KeyPair app, KeyPair platform) {
    /** Sixteen digits like a real app id; fixed, so a shared key folder and the docs agree. */
    static final String DEFAULT_APP_ID = "9021000000000001";
    static final String APP_ID = "app_id.txt";
    static final String APP_PRIVATE = "app_private_key.txt";
    static final String APP_PUBLIC = "app_public_key.txt";
    static final String ALIPAY_PRIVATE = "alipay_private_key.txt";
    static final String ALIPAY_PUBLIC = "alipay_public_key.txt";
    static final String AES_KEY = "aes_key.txt";
    private static final List<String> FILES = List.of(APP_ID, APP_PRIVATE, APP_PUBLIC, ALIPAY_PRIVATE, ALIPAY_PUBLIC);

    static SimulatorKeys generate() {
        return new SimulatorKeys(DEFAULT_APP_ID, newPair(), newPair());
    }

    /** Reads the five files from dir, or creates all of them (folder 0700, files 0600) when none exists. */
    static SimulatorKeys loadOrCreate(Path dir) throws IOException {
        long present = FILES.stream().filter(name -> Files.exists(dir.resolve(name))).count();
        if (present == FILES.size()) {
            String appId = read(dir, APP_ID);
            if (appId.isEmpty() || appId.length() > 32 || !appId.chars().allMatch(Character::isLetterOrDigit)) {
                throw new IOException(dir.resolve(APP_ID) + " must hold an app id of 1 to 32 letters or digits");
            }
            return new SimulatorKeys(appId, pair(dir, APP_PRIVATE, APP_PUBLIC), pair(dir, ALIPAY_PRIVATE,
                    ALIPAY_PUBLIC));
        }
        if (present != 0) {
            throw new IOException("key folder " + dir + " holds only some of " + String.join(", ", FILES)
                    + "; remove them to get a fresh set, or restore the missing ones");
        }
        SimulatorKeys keys = generate();
        Files.createDirectories(dir, ownerOnly("rwx------"));
        write(dir, APP_PRIVATE, base64(keys.app.getPrivate().getEncoded()));
        write(dir, APP_PUBLIC, base64(keys.app.getPublic().getEncoded()));
        write(dir, ALIPAY_PRIVATE, base64(keys.platform.getPrivate().getEncoded()));
        write(dir, ALIPAY_PUBLIC, base64(keys.platform.getPublic().getEncoded()));
        write(dir, APP_ID, keys.appId);
        return keys;
    }

    private static KeyPair pair(Path dir, String privateName, String publicName) throws IOException {
        PrivateKey priv;
        PublicKey pub;
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(read(dir, privateName))));
            pub = rsa.generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(read(dir, publicName))));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException(dir + ": " + privateName + " must be PKCS#8 base64 and " + publicName
                    + " X.509 base64 RSA keys; remove the folder's key files to get a fresh set", e);
        }
        if (!(priv instanceof RSAPrivateCrtKey p) || !(pub instanceof RSAPublicKey q)
                || !p.getModulus().equals(q.getModulus()) || !p.getPublicExponent().equals(q.getPublicExponent())) {
            throw new IOException(dir + ": " + publicName + " is not the public half of " + privateName);
        }
        return new KeyPair(pub, priv);
    }

    /**
     * The app's AES key (AP_ENCRYPT_KEY) as Base64 of 16 random bytes: read from {@value #AES_KEY} in dir, or
     * created there (owner-only) when absent; fresh in memory when dir is null.
     */
    static String aesKey(Path dir) throws IOException {
        if (dir != null && Files.exists(dir.resolve(AES_KEY))) {
            return read(dir, AES_KEY);
        }
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        if (dir != null) {
            Files.createDirectories(dir, ownerOnly("rwx------"));
            write(dir, AES_KEY, base64(key));
        }
        return base64(key);
    }

    /** Creates the file owner-only before any byte is written; never overwrites. */
    private static void write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        try {
            Files.createFile(file, ownerOnly("rw-------"));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " appeared while the simulator was creating keys; start again", e);
        }
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    }

    /** These POSIX permissions where the file system has them; none elsewhere. */
    private static FileAttribute<?>[] ownerOnly(String permissions) {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    private static String read(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8).strip();
    }

    static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    static KeyPair newPair() {
        return newPair("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
    }

    static KeyPair newPair(String algorithm, AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(spec);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + algorithm + " key generator", e);
        }
    }
}
