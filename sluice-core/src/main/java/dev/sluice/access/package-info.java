/**
 * Who may use the knowledge base: API keys of the service ({@link dev.sluice.access.ApiKeyStore},
 * {@link dev.sluice.access.ApiKeyRecord}), stored as hashes. Which documents a caller may read is
 * {@link dev.sluice.core.AccessList}, carried into every index query (never a post-filter).
 */
package dev.sluice.access;
