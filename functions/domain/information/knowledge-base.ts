/** The UCC knowledge base (§5, §6): one entry per body and service, one record per registered version. */
export interface KnowledgeBaseEntry {
  bodyId: string;
  serviceCode: string;
  version: number;
  information: unknown;
  registeredAt: string;
  registeredBy: string;
  /** Where the version came from: the acceptance (§5) or an information update (§6). */
  acceptanceId?: string;
  updateId?: string;
}

/** Port: the knowledge base, newest version first. */
export interface KnowledgeBase {
  versions(bodyId: string, serviceCode: string): Promise<KnowledgeBaseEntry[]>;
  /** Writes one version once; false when that version number is taken. */
  recordVersion(entry: KnowledgeBaseEntry): Promise<boolean>;
}
