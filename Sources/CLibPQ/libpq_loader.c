#include "CLibPQ.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#define CMG_OPEN(path) ((void *)LoadLibraryA(path))
#define CMG_SYMBOL(handle, name) ((void *)GetProcAddress((HMODULE)(handle), name))
static const char *const cmg_libpq_names[] = {"libpq.dll", NULL};
static INIT_ONCE cmg_once = INIT_ONCE_STATIC_INIT;
#else
#include <dlfcn.h>
#include <pthread.h>
#define CMG_OPEN(path) dlopen(path, RTLD_NOW | RTLD_LOCAL)
#define CMG_SYMBOL(handle, name) dlsym(handle, name)
#ifdef __APPLE__
static const char *const cmg_libpq_names[] = {"libpq.5.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib",
                                              "/usr/local/opt/libpq/lib/libpq.5.dylib", NULL};
#else
static const char *const cmg_libpq_names[] = {"libpq.so.5", NULL};
#endif
static pthread_once_t cmg_once = PTHREAD_ONCE_INIT;
#endif

#define CMG_LIBPQ_POINTER(ret, name, params, args) ret (*name) params;
static struct { CMG_LIBPQ_FUNCTIONS(CMG_LIBPQ_POINTER) } cmg_libpq;
#undef CMG_LIBPQ_POINTER

static char cmg_load_error[512];

static void cmg_load(void) {
    const char *chosen = getenv("CMG_LIBPQ");
    void *handle = NULL;
    if (chosen && *chosen) {
        handle = CMG_OPEN(chosen);
    } else {
        for (int i = 0; cmg_libpq_names[i] && !handle; i++) handle = CMG_OPEN(cmg_libpq_names[i]);
    }
    if (!handle) {
        snprintf(cmg_load_error, sizeof cmg_load_error,
                 "libpq, PostgreSQL's client library, is not installed (Debian: apt-get install libpq5; or set CMG_LIBPQ to its file)");
        return;
    }
#define CMG_LIBPQ_RESOLVE(ret, name, params, args) \
    cmg_libpq.name = (ret (*) params)CMG_SYMBOL(handle, #name); \
    if (!cmg_libpq.name) { snprintf(cmg_load_error, sizeof cmg_load_error, "the libpq found has no %s: it is too old", #name); return; }
    CMG_LIBPQ_FUNCTIONS(CMG_LIBPQ_RESOLVE)
#undef CMG_LIBPQ_RESOLVE
}

#ifdef _WIN32
static BOOL CALLBACK cmg_load_once(PINIT_ONCE once, PVOID parameter, PVOID *context) { cmg_load(); return TRUE; }
const char *CMG_libpq_load_error(void) {
    InitOnceExecuteOnce(&cmg_once, cmg_load_once, NULL, NULL);
    return cmg_load_error[0] ? cmg_load_error : NULL;
}
#else
const char *CMG_libpq_load_error(void) {
    pthread_once(&cmg_once, cmg_load);
    return cmg_load_error[0] ? cmg_load_error : NULL;
}
#endif

#define CMG_LIBPQ_FORWARD(ret, name, params, args) ret CMG_##name params { return cmg_libpq.name args; }
CMG_LIBPQ_FUNCTIONS(CMG_LIBPQ_FORWARD)
#undef CMG_LIBPQ_FORWARD
