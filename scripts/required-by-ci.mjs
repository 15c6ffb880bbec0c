// One rule for "a missing prerequisite is a failure, not a skip": under CI (CI=1 or CI=true, as CI runners set it) or
// PODFLOW_REQUIRE_K8S=1 (what .ci/run sets). Used by the test runner and by the suites that build their own tools.
export const requiredByCi = process.env.CI === '1' || process.env.CI === 'true' || process.env.PODFLOW_REQUIRE_K8S === '1';
