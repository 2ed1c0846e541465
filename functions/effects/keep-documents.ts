import type { Effect } from './effect.ts';

/** An event whose record names documents (`data.documents`, SHA-256s): they are kept, no longer drafts the bucket's lifecycle deletes. */
export const keepDocuments: Effect = {
  name: 'keep-documents',
  cite: 'issue 13: documents of committed records are kept; uploads of refused commands expire as drafts',
  async run(event, ports) {
    const documents = event.data.documents;
    if (!Array.isArray(documents)) return;
    for (const sha256 of documents) if (typeof sha256 === 'string') await ports.documents.keep(sha256);
  },
};
