/**
 * Vocabulary shared by every stage: quarantine reasons, the per-item failure that carries one, and
 * the validation helper. Nothing here depends on any other Sluice package.
 */
package dev.sluice.core;
