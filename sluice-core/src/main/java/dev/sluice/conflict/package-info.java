/**
 * Conflicting sources: passages of different documents that state different values for the same
 * thing (a number, a date, a name) or a statement and its negation. Used when an answer is built (the
 * answer warns and cites both sides) and by the diagnosis of a bad answer (the contradiction layer).
 */
package dev.sluice.conflict;
