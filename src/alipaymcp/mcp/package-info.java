/**
 * MCP over stdio: newline-delimited JSON-RPC 2.0, version negotiation, dispatch of tool calls and the
 * server's own requests to the client (elicitation).
 * <p>May import: {@code json}, and from {@code tools} only {@code Tool} (with its nested
 * {@code CallContext} and {@code ToolResult}).
 */
package alipaymcp.mcp;
