// A Node.js Lambda handler behind an HTTP route: greets the caller.
//   curl 'http://127.0.0.1:8080/fn/hello-node/greet?name=Ada'
export const handler = async (event, context) => {
  const name = event.queryStringParameters?.name ?? 'world';
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      message: `hello, ${name}`,
      path: event.rawPath,
      requestId: context.awsRequestId,
    }),
  };
};
