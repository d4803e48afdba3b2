package alipaymcp.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alipaymcp.alipay.AlipayException.Kind;
import alipaymcp.alipay.GatewayClient.RequestSettings;
import alipaymcp.alipay.KeyReader.KeyException;
import alipaymcp.json.JsonParser;
import alipaymcp.json.JsonValue.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Certificate mode and AES through the product's own request and response code, against the SDK's vectors. */
class CertificateModeTest {
    private static final JsonObject CERT = CertVectors.json("certificate-mode.json");
    private static final JsonObject AES = CertVectors.json("aes.json");
    private static final String QUERY = "alipay.trade.query";

    @Test
    void certificateModeRequests_carryBothSns_andAreSignedByteForByte() throws Exception {
        CertificateMode mode = CertVectors.mode("cert-pki", CertVectors.VALID);
        for (String id : List.of("query-cert", "page-cert")) {
            JsonObject v = CertVectors.find(CERT, "requests", id);
            Map<String, String> in = Vectors.stringMap(Vectors.obj(v, "params_in_insertion_order"));
            RequestSettings s = settings(in, mode, null);
            Map<String, String> params = id.equals("page-cert")
                    ? SignedRequest.page(in.get("method"), s, in.get("biz_content"), RequestVectors.CLOCK, key()).params()
                    : SignedRequest.api(in.get("method"), s, in.get("biz_content"), RequestVectors.CLOCK, key()).params();
            assertThat(params).as(id).isEqualTo(Vectors.stringMap(Vectors.obj(v, "signed_params")));
        }
        JsonObject download = CertVectors.find(CERT, "requests", "download-cert");
        Map<String, String> in = Vectors.stringMap(Vectors.obj(download, "params_in_insertion_order"));
        assertThat(SignedRequest.certificateDownload(settings(in, mode, null), "86aa1188b426ca72881bee3860dcd605",
                RequestVectors.CLOCK, key()).params()).isEqualTo(Vectors.stringMap(Vectors.obj(download, "signed_params")));
    }

    @Test
    void aesRequests_encryptBizContentFirst_thenSign_byteForByte() throws Exception {
        for (JsonObject v : Vectors.cases(AES, "requests")) {
            boolean cert = v.get("certificate_mode").equals(alipaymcp.json.JsonValue.JsonBoolean.TRUE);
            Map<String, String> in = Vectors.stringMap(Vectors.obj(v, "params_in_insertion_order"));
            RequestSettings s = settings(in, cert ? CertVectors.mode("cert-pki", CertVectors.VALID) : null,
                    CertVectors.cipher());
            Map<String, String> params = SignedRequest.api(QUERY, s, Vectors.str(v, "biz_content_plaintext"),
                    RequestVectors.CLOCK, key()).params();
            assertThat(params).as(Vectors.str(v, "id")).isEqualTo(Vectors.stringMap(Vectors.obj(v, "signed_params")));
        }
    }

    @Test
    void certificateModeResponses_areVerifiedWithTheCertificateTheirSnNames() throws Exception {
        Downloads downloads = new Downloads(downloadBody("download-next"));
        ResponseVerifier.Keys keys = certKeys(downloads);
        assertThat(verify("cert-success-current", keys).field("total_amount")).isEqualTo("88.80");
        assertThat(verify("cert-escaped-slash-retry", keys).field("out_trade_no")).isEqualTo("2025/04/15-0003");
        AlipayResponse error = verify("cert-error-without-alipay-cert-sn", keys);
        assertThat(error.isSuccess()).isFalse();
        assertThat(error.subCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        assertThat(downloads.asked).isEmpty();
        assertThatThrownBy(() -> verify("cert-tampered-amount", keys)).isInstanceOfSatisfying(AlipayException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.BAD_SIGNATURE));
        assertThatThrownBy(() -> verify("cert-success-without-alipay-cert-sn", keys))
                .isInstanceOfSatisfying(AlipayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_SIGNATURE);
                    assertThat(e.getMessage()).contains("claims success without alipay_cert_sn");
                });
    }

    @Test
    void rotation_downloadsTheUnknownCertificateOnce_validatesIt_andVerifiesWithIt() throws Exception {
        Downloads downloads = new Downloads(downloadBody("download-next"));
        ResponseVerifier.Keys keys = certKeys(downloads);
        assertThat(verify("cert-success-next", keys).isSuccess()).isTrue();
        assertThat(verify("cert-success-next", keys).isSuccess()).isTrue();
        assertThat(verify("cert-success-current", keys).isSuccess()).isTrue();
        assertThat(downloads.asked).containsExactly("86aa1188b426ca72881bee3860dcd605");
    }

    @Test
    void rotation_concurrentAnswersWithTheNewSn_downloadItOnce() throws Exception {
        Downloads downloads = new Downloads(downloadBody("download-next"));
        ResponseVerifier.Keys keys = certKeys((sn, method) -> {
            try {
                Thread.sleep(200); // calls arriving meanwhile must wait for this download, not start their own
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return downloads.fetch(sn, method);
        });
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<AlipayResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> verify("cert-success-next", keys)));
            }
            for (java.util.concurrent.Future<AlipayResponse> answer : answers) {
                assertThat(answer.get(60, java.util.concurrent.TimeUnit.SECONDS).isSuccess()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(downloads.asked).containsExactly("86aa1188b426ca72881bee3860dcd605");
    }

    @Test
    void rotation_toAnExpiredCertificate_failsClosed_asADistinctUntrustedCertificate() throws Exception {
        JsonObject expired = CertVectors.find(CERT, "certificate_download", "download-expired");
        CertificateMode mode = CertVectors.mode("cert-pki/expired", CertVectors.VALID);
        String sn = Vectors.str(expired, "alipay_cert_sn_of_body");
        assertThatThrownBy(() -> mode.trusted(content(expired), sn, "alipay.trade.refund"))
                .isInstanceOfSatisfying(AlipayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE);
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.getMessage()).contains("has expired", "may or may not have been made");
                });
    }

    @Test
    void rotation_refusesACertificateThatDoesNotChainToTheRootFile_orHasAnotherSn() throws Exception {
        // the next certificate of the main PKI, offered to an app whose root file is the other PKI's
        CertificateMode other = CertVectors.mode("cert-pki/expired", CertVectors.VALID);
        String next = downloadContent("download-next");
        assertThatThrownBy(() -> other.trusted(next, "86aa1188b426ca72881bee3860dcd605", QUERY))
                .isInstanceOfSatisfying(AlipayException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE));
        CertificateMode mode = CertVectors.mode("cert-pki", CertVectors.VALID);
        assertThatThrownBy(() -> mode.trusted(next, "00a1c257afc21011de4a556c435f870d", QUERY))
                .isInstanceOfSatisfying(AlipayException.class,
                        e -> assertThat(e.getMessage()).contains("has another SN"));
    }

    @Test
    void aesResponses_verifyTheQuotedString_thenDecrypt_andAcceptPlaintextFailures() throws Exception {
        ContentCipher cipher = CertVectors.cipher();
        ResponseVerifier.Keys keyMode = ResponseVerifier.Keys.of(
                AlipayPublicKey.parse(CertVectors.text("cert-pki/alipay_public.txt")).jcaKey());
        ResponseVerifier.Keys certMode = certKeys(new Downloads(""));
        for (JsonObject v : Vectors.cases(AES, "responses")) {
            String id = Vectors.str(v, "id");
            ResponseVerifier.Keys keys = id.endsWith("-cert") ? certMode : keyMode;
            String body = Vectors.str(v, "body");
            if (id.equals("encrypted-signed-without-quotes")) {
                assertThatThrownBy(() -> ResponseVerifier.verify(body, Answers.about(QUERY, body), keys, SignType.RSA2, cipher)).as(id)
                        .isInstanceOfSatisfying(AlipayException.class,
                                e -> assertThat(e.kind()).isEqualTo(Kind.BAD_SIGNATURE));
                continue;
            }
            // the order the answer is about is inside its encrypted content (the binding has tests of its own)
            String node = body.substring(body.indexOf(":\"") + 2, body.indexOf('"', body.indexOf(":\"") + 2));
            String plaintext = body.contains("_response\":\"") ? cipher.decrypt(node) : body;
            AlipayResponse r = ResponseVerifier.verify(body, Answers.about(QUERY, plaintext), keys, SignType.RSA2, cipher);
            if (v.has("expected_plaintext")) {
                assertThat(r.content()).as(id).isEqualTo(JsonParser.parse(Vectors.str(v, "expected_plaintext")));
            }
            assertThat(r.isSuccess()).as(id).isEqualTo(id.startsWith("encrypted-success"));
        }
        AlipayResponse plain = ResponseVerifier.verify(Vectors.str(CertVectors.find(AES, "responses",
                "plaintext-error-to-encrypted-request"), "body"), Answers.about(QUERY, ""), keyMode, SignType.RSA2, cipher);
        assertThat(plain.subCode()).isEqualTo("isv.invalid-encrypt");
    }

    @Test
    void aesResponse_withTheWrongKey_isAnErrorNamingApEncryptKey_neverASuccess() throws Exception {
        ContentCipher wrong = ContentCipher.parse("aYA0GP8JEW+D7/UFaskCWA==");
        ResponseVerifier.Keys keys = ResponseVerifier.Keys.of(
                AlipayPublicKey.parse(CertVectors.text("cert-pki/alipay_public.txt")).jcaKey());
        String body = Vectors.str(CertVectors.find(AES, "responses", "encrypted-success"), "body");
        assertThatThrownBy(() -> ResponseVerifier.verify(body, Answers.about(QUERY, body), keys,
                SignType.RSA2, wrong)).isInstanceOfSatisfying(AlipayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNDECRYPTABLE);
                    assertThat(e.getMessage()).contains("AP_ENCRYPT_KEY");
                });
        assertThatThrownBy(() -> ResponseVerifier.verify(body, Answers.about(QUERY, body), keys, SignType.RSA2, null))
                .isInstanceOfSatisfying(AlipayException.class,
                        e -> assertThat(e.getMessage()).contains("AP_ENCRYPT_KEY is not set"));
    }

    @Test
    void gatewayClient_aRotationWhoseDownloadFails_isUntrusted_andTriedAgainAfterTheBackOff() throws Exception {
        try (TestGateway gateway = new TestGateway()) {
            gateway.body = Vectors.str(CertVectors.find(CERT, "responses", "cert-success-next"), "body");
            SteppedClock clock = new SteppedClock(CertVectors.VALID.instant());
            RequestSettings settings = new RequestSettings("2021000122671080", SignType.RSA2, null, null, null,
                    "sdk", "channel", CertVectors.mode("cert-pki", clock), null);
            GatewayClient client = new GatewayClient(gateway.uri(), settings, CertVectors.appKey(),
                    AlipayPublicKey.parse(CertVectors.text("cert-pki/alipay_public.txt")),
                    java.time.Duration.ofSeconds(5), clock);
            // the gateway answers the download with the same query answer: no alipay_cert_content in it
            assertThatThrownBy(() -> client.query("20250415100000002")).isInstanceOfSatisfying(AlipayException.class,
                    e -> {
                        assertThat(e.kind()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE);
                        assertThat(e.getMessage()).contains("86aa1188b426ca72881bee3860dcd605",
                                "holds no alipay_cert_content");
                    });
            assertThat(gateway.received).hasSize(2);
            assertThat(gateway.received.get(1).query()).contains("method=alipay.open.app.alipaycert.download")
                    .contains("app_cert_sn=048ea7e06b088a56a4cfe2d4ab8c9517");
            clock.now = clock.now.plusSeconds(5);
            assertThatThrownBy(() -> client.query("20250415100000002")).isInstanceOfSatisfying(AlipayException.class,
                    e -> {
                        assertThat(e.kind()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE);
                        assertThat(e.outcomeUnknown()).isTrue();
                        assertThat(e.getMessage()).contains("not tried again yet");
                    });
            assertThat(gateway.received).as("within the back-off: no download").hasSize(3);
            clock.now = clock.now.plus(CertificateMode.RETRY_AFTER);
            assertThatThrownBy(() -> client.query("20250415100000002")).isInstanceOf(AlipayException.class);
            assertThat(gateway.received).as("a failure is not kept: after the back-off it is fetched again")
                    .hasSize(5);
        }
    }

    /** A clock the test moves. */
    private static final class SteppedClock extends java.time.Clock {
        volatile java.time.Instant now;

        SteppedClock(java.time.Instant start) {
            now = start;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Answers each download with the same body and records the SNs asked for. */
    private static final class Downloads implements CertificateMode.Download {
        final List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());
        private final String content;

        Downloads(String content) {
            this.content = content;
        }

        @Override
        public String fetch(String alipayCertSn, String forMethod) {
            asked.add(alipayCertSn);
            return content;
        }
    }

    private static AlipayResponse verify(String id, ResponseVerifier.Keys keys) throws Exception {
        JsonObject v = CertVectors.find(CERT, "responses", id);
        String body = Vectors.str(v, "body");
        return ResponseVerifier.verify(body, Answers.about(Vectors.str(v, "method"), body), keys, SignType.RSA2, null);
    }

    /** The gateway's whole answer to the download, as {@link CertificateMode.Download} returns it. */
    private static String downloadBody(String id) throws Exception {
        return Vectors.str(CertVectors.find(CERT, "certificate_download", id), "body");
    }

    private static String downloadContent(String id) throws Exception {
        return content(CertVectors.find(CERT, "certificate_download", id));
    }

    private static String content(JsonObject download) throws Exception {
        JsonObject body = (JsonObject) JsonParser.parse(Vectors.str(download, "body"));
        return ((JsonObject) body.get("alipay_open_app_alipaycert_download_response")).string("alipay_cert_content")
                .orElseThrow();
    }

    private static RequestSettings settings(Map<String, String> in, CertificateMode mode, ContentCipher cipher) {
        return new RequestSettings(in.get("app_id"), SignType.RSA2, null, in.get("notify_url"), in.get("return_url"),
                in.getOrDefault("alipay_sdk", RequestVectors.UPSTREAM_SDK), RequestVectors.UPSTREAM_CHANNEL, mode,
                cipher);
    }

    private static java.security.PrivateKey key() throws KeyException {
        return CertVectors.appKey().jcaKey();
    }


    /** Certificate mode with the vectors' files, fetching unknown certificates with {@code download}. */
    private static ResponseVerifier.Keys certKeys(CertificateMode.Download download) throws Exception {
        return new ResponseVerifier.Keys(null, CertVectors.mode("cert-pki", CertVectors.VALID), download);
    }
}
