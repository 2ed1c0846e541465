import { acceptancePortsWith, authorityPortsWith, complaintPortsWith, requestPortsWith } from './composition.ts';
import { s3DocumentStore } from './document-store.ts';

/**
 * The ports of the routes the route table marks `documents` (functions/http/routes.ts): the same
 * as composition.ts's, with the documents bucket. Only these handlers import it, so only their
 * bundles carry the S3 client.
 */
export const acceptanceDocumentPorts = /* @__PURE__ */ acceptancePortsWith(s3DocumentStore);
export const requestDocumentPorts = /* @__PURE__ */ requestPortsWith(s3DocumentStore);
export const authorityDocumentPorts = /* @__PURE__ */ authorityPortsWith(s3DocumentStore);
export const complaintDocumentPorts = /* @__PURE__ */ complaintPortsWith(s3DocumentStore);
