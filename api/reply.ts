/** What a protocol handler answers: the server writes it out (and adds the request id). */
export type Reply = { status: number; headers: Record<string, string>; body: string };

export const SFN_CONTENT_TYPE = 'application/x-amz-json-1.0';
export const XML_CONTENT_TYPE = 'text/xml';
