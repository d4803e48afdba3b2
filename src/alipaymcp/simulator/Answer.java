package alipaymcp.simulator;

import alipaymcp.alipay.AlipayResponse;
import alipaymcp.alipay.SignType;
import alipaymcp.json.JsonObject;

/**
 * A JSON answer before it is written: {@code {"<root>":<content>,"sign":"..."}}.
 *
 * @param root     {@code <method with . as _>_response} or {@code error_response}
 * @param signType the algorithm to sign with (the request's own); null for an unsigned answer
 */
record Answer(String root, JsonObject content, SignType signType) {
    static final String ERROR_ROOT = "error_response";

    static String rootOf(String method) {
        return AlipayResponse.rootOf(method);
    }

    static Answer success(String method, JsonObject.Builder fields, SignType signType) {
        JsonObject.Builder body = JsonObject.builder().put("code", "10000").put("msg", "Success");
        fields.build().members().forEach(body::put);
        return new Answer(rootOf(method), body.build(), signType);
    }

    static Answer failure(String method, GatewayError error, SignType signType) {
        return new Answer(rootOf(method), error.toJson(), signType);
    }

    boolean signed() {
        return signType != null;
    }
}
