/**
 * Process-wide settings that must be in place before any handler module is loaded: the
 * powertools logger reads its level when it is constructed. Imported first by bench/main.ts.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
// The SDK's "node >=22 from 2027" notice would land in the middle of the tables; it is about
// the runtime, not about these numbers. Set it to 'false' to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
