package alipaymcp.alipay;

import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The certificate-mode and AES vectors and their test PKI, copied into test/vectors/ (see
 * test/vectors/CERT-README.md), read with our own parser.
 */
final class CertVectors {
    /** Inside every test certificate's validity (2026-12-04 to 2031-12-04), outside the expired PKI's. */
    static final Clock VALID = Clock.fixed(Instant.parse("2027-06-01T00:00:00Z"), ZoneOffset.UTC);

    private CertVectors() {
    }

    static Path dir() {
        return Path.of(System.getProperty("repo.dir", "."), "test", "vectors");
    }

    static String text(String relative) {
        try {
            return Files.readString(dir().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test/vectors/" + relative, e);
        }
    }

    static JsonObject json(String file) {
        try {
            return (JsonObject) JsonParser.parse(text(file));
        } catch (alipaymcp.json.JsonException e) {
            throw new IllegalStateException(file + " is not JSON: " + e.getMessage(), e);
        }
    }

    static JsonObject find(JsonObject file, String member, String id) {
        for (JsonObject c : Vectors.cases(file, member)) {
            if (id.equals(Vectors.str(c, "id"))) {
                return c;
            }
        }
        throw new IllegalArgumentException("no case " + id + " in " + member);
    }

    static X509Certificate first(String relative) throws KeyException {
        return Certificates.read(text(relative)).get(0);
    }

    /** The certificate mode of cert-pki/ (or of another folder with the same layout, e.g. cert-pki/expired). */
    static CertificateMode mode(String folder, Clock clock) throws KeyException {
        return new CertificateMode(first(folder + "/appCertPublicKey_2021000122671080.crt"),
                first(folder + "/alipayCertPublicKey_RSA2.crt"),
                Certificates.readRoots(text(folder + "/alipayRootCert.crt")), clock);
    }

    static ContentCipher cipher() throws KeyException {
        return ContentCipher.parse(text("cert-pki/aes_key.txt"));
    }

    static AppPrivateKey appKey() throws KeyException {
        return AppPrivateKey.parse(text("cert-pki/app_private_pkcs8.txt"));
    }
}
