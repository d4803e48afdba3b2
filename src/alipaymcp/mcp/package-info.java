/**
 * MCP over stdio: newline-delimited JSON-RPC 2.0, version negotiation and dispatch of tool calls.
 * <p>May import: {@code json}, and from {@code tools} only {@code Tool} and {@code ToolResult}.
 */
package alipaymcp.mcp;
