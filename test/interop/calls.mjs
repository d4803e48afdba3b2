// Tool calls that `make interop` makes through the official TypeScript SDK client, against
// `java -jar build/mcp-server-alipay.jar --simulator`. The SDK validates each result's
// structuredContent against the tool's outputSchema from tools/list; `check` adds our own expectations
// and returns an error message, or null when the result is right. A call whose tool is not listed is
// skipped (and said so), so the list may run ahead of the tools. Add new calls here.
export const calls = [
  {
    tool: 'create-web-page-alipay-payment',
    arguments: { outTradeNo: 'interop_1', totalAmount: 19.99, orderTitle: 'Interop test' },
    check(result) {
      if (result.isError) return `isError: ${text(result)}`;
      const url = result.structuredContent?.url;
      if (typeof url !== 'string' || !url.startsWith('http://127.0.0.1:')) return `structuredContent.url is ${url}`;
      if (!text(result).includes(url)) return 'the text does not carry the same URL';
      return null;
    },
  },
];

export function text(result) {
  return (result.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
}
