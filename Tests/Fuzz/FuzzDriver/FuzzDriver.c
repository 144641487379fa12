#include "FuzzDriver.h"

// Weak: defined only when libFuzzer is linked in (-sanitize=fuzzer), so a plain build links too.
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t)) __attribute__((weak));

int cmg_fuzz_run_driver(int argc, char **argv, int (*callback)(const uint8_t *data, size_t size)) {
    if (!LLVMFuzzerRunDriver) return -1;
    return LLVMFuzzerRunDriver(&argc, &argv, callback);
}
