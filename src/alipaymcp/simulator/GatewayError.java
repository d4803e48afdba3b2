package alipaymcp.simulator;

import alipaymcp.json.JsonObject;

/**
 * A non-success answer: code, msg, sub_code, sub_msg. The code and msg texts are those of the public
 * gateway error-code page; sub_msg texts of the isv.* errors are the gateway's Chinese texts where known.
 */
record GatewayError(String code, String msg, String subCode, String subMsg) {
    static GatewayError missing(String subCode, String subMsg) {
        return new GatewayError("40001", "Missing Required Arguments", subCode, subMsg);
    }

    static GatewayError invalid(String subCode, String subMsg) {
        return new GatewayError("40002", "Invalid Arguments", subCode, subMsg);
    }

    static GatewayError business(String subCode, String subMsg) {
        return new GatewayError("40004", "Business Failed", subCode, subMsg);
    }

    static GatewayError systemError() {
        return new GatewayError("20000", "Service Currently Unavailable", "isp.unknow-error", "系统繁忙");
    }

    static GatewayError insufficientPermissions() {
        return new GatewayError("40006", "Insufficient Permissions", "isv.insufficient-isv-permissions",
                "ISV权限不足，建议在开发者中心检查对应功能是否已经添加");
    }

    static GatewayError invalidParameter(String detail) {
        return business("ACQ.INVALID_PARAMETER", "参数无效 (" + detail + ")");
    }

    JsonObject toJson() {
        return JsonObject.builder().put("code", code).put("msg", msg).put("sub_code", subCode)
                .put("sub_msg", subMsg).build();
    }
}
