package alipaymcp.simulator;

import alipaymcp.alipay.SignType;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * /gateway.do, GET or POST: reads the parameters, runs the gateway checks, applies an injected fault,
 * then dispatches to the page-pay cashier or the trade APIs.
 */
final class GatewayHandler implements HttpHandler {
    static final String PATH = "/gateway.do";

    private final GatewayCheck check;
    private final Faults faults;
    private final PagePay pagePay;
    private final TradeApi api;
    private final AnswerWriter writer;
    private final Replays replays = new Replays();

    GatewayHandler(GatewayCheck check, Faults faults, PagePay pagePay, TradeApi api, AnswerWriter writer) {
        this.check = check;
        this.faults = faults;
        this.pagePay = pagePay;
        this.api = api;
        this.writer = writer;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                HttpReply.of(404, HttpReply.TEXT, "Not found: the gateway is at " + PATH + "\n").send(exchange);
                return;
            }
            String verb = exchange.getRequestMethod();
            if (!"GET".equals(verb) && !"POST".equals(verb)) {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                HttpReply.of(405, HttpReply.TEXT, "The gateway takes GET or POST\n").send(exchange);
                return;
            }
            answer(exchange).send(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpReply answer(HttpExchange exchange) throws IOException, InterruptedException {
        GatewayRequest request;
        try {
            request = GatewayRequest.read(exchange);
        } catch (IllegalArgumentException e) {
            return HttpReply.json(writer.render(new Answer(Answer.ERROR_ROOT,
                    GatewayError.invalid("isv.invalid-parameter", "参数无效 (" + e.getMessage() + ")").toJson(), null)));
        }
        String method = request.get("method");
        boolean page = PagePay.handles(method);
        GatewayError refused = check.check(request);
        if (refused != null) {
            if (page) {
                return PagePay.rejected(refused);
            }
            String root = check.supports(method) ? Answer.rootOf(method) : Answer.ERROR_ROOT;
            return HttpReply.json(writer.render(new Answer(root, refused.toJson(), null)));
        }
        SignType signType = GatewayCheck.signType(request);
        Fault fault = faults.forMethod(method);
        if (fault != null && fault.kind() == Fault.Kind.DELAY) {
            Thread.sleep(fault.delayMillis());
        }
        if (page) {
            HttpReply html = pagePay.open(request, signType);
            return fault == null || !fault.kind().transport() ? html : AnswerWriter.transport(html, fault.kind());
        }
        if (fault != null && fault.kind() == Fault.Kind.REPLAY) {
            HttpReply earlier = replays.earlier(method, request.get("biz_content"));
            if (earlier != null) {
                return earlier;
            }
        }
        Answer answer = call(method, request, signType, fault);
        HttpReply reply = writer.reply(answer, fault);
        if (fault == null || fault.kind().situation()) {
            replays.remember(method, answer, reply);
        }
        return reply;
    }

    private Answer call(String method, GatewayRequest request, SignType signType, Fault fault) {
        if (fault != null && fault.kind() == Fault.Kind.ERROR_RESPONSE) {
            return new Answer(Answer.ERROR_ROOT, GatewayError.insufficientPermissions().toJson(), signType);
        }
        if (fault != null && fault.kind() == Fault.Kind.SYSTEM_ERROR) {
            return Answer.failure(method, GatewayError.systemError(), signType);
        }
        if (fault != null && fault.kind() == Fault.Kind.ACQ_SYSTEM_ERROR) {
            return Answer.failure(method, GatewayError.business("ACQ.SYSTEM_ERROR", "系统错误"), signType);
        }
        int pendingQueries = fault != null && fault.kind() == Fault.Kind.REFUND_PENDING ? fault.queries() : 0;
        try {
            return api.call(method, BizContent.parse(request.get("biz_content")), signType, pendingQueries);
        } catch (BizContent.Invalid e) {
            return Answer.failure(method, GatewayError.invalidParameter(e.getMessage()), signType);
        }
    }
}
