/**
 * The {@code Tool} and {@code ToolResult} contract seen by the MCP layer, and the five Alipay payment tools
 * with their argument checks and money handling.
 * <p>May import: {@code alipay}, {@code config}, {@code json}, {@code log}.
 */
package alipaymcp.tools;
