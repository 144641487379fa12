#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver with `callback` when the binary was built with
/// `-sanitize=fuzzer`, and returns its exit status; returns -1 in a plain build.
int cmg_fuzz_run_driver(int argc, char **argv, int (*callback)(const uint8_t *data, size_t size));
