#ifndef POPULUS_CGSL_SHIM_H
#define POPULUS_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
/* The CBLAS prototypes come from GSL's header (randist already includes it,
   and OpenBLAS's cblas.h conflicts with it); the symbols themselves bind to
   OpenBLAS, linked first (see module.modulemap). */
#include <gsl/gsl_cblas.h>

/* OpenBLAS extensions, declared here because their header clashes with GSL's. */
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char *openblas_get_config(void);

#include <stdlib.h>
#include <string.h>

/* OpenBLAS's dynamic-architecture entry points; weak, so another BLAS (or an
   OpenBLAS built for one core) links too and this becomes a no-op. */
extern char *gotoblas_corename(void) __attribute__((weak));
extern void gotoblas_dynamic_init(void) __attribute__((weak));
extern void gotoblas_dynamic_quit(void) __attribute__((weak));

/* OpenBLAS 0.3.21 (DYNAMIC_ARCH) picks its kernels from a table of CPU
   models; on a CPU it does not recognise (a VM that hides the model, a core
   newer than the table) it falls back to generic SSE3 "Prescott" kernels,
   3-5x slower than the AVX2/AVX-512 ones the CPU can run. When that happened
   and the user set no OPENBLAS_CORETYPE, select the kernels by the CPU's
   features instead. Call before any BLAS call; returns the kernels in use. */
static inline const char *populus_openblas_select_kernels(void) {
    if (!gotoblas_corename || !gotoblas_dynamic_init || !gotoblas_dynamic_quit) return "";
    const char *name = gotoblas_corename();
#if defined(__x86_64__)
    static const char *generic[] = {"Prescott", "Katmai", "Coppermine", "Northwood", "Banias", "Core2",
                                    "Penryn", "Dunnington", "Nehalem", "Atom", "Opteron", "Opteron_SSE3"};
    int fallback = 0;
    for (unsigned i = 0; i < sizeof generic / sizeof generic[0]; i++) fallback |= strcmp(name, generic[i]) == 0;
    if (!fallback || getenv("OPENBLAS_CORETYPE")) return name;
    __builtin_cpu_init();
    const char *target = NULL;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")) target = "SkylakeX";
    else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) target = "Haswell";
    else if (__builtin_cpu_supports("avx")) target = "Sandybridge";
    if (!target) return name;
    setenv("OPENBLAS_CORETYPE", target, 1);
    gotoblas_dynamic_quit();
    gotoblas_dynamic_init();
    unsetenv("OPENBLAS_CORETYPE"); /* child processes detect for themselves */
    return gotoblas_corename();
#else
    return name;
#endif
}

/* Swift 6 strict concurrency rejects direct use of mutable C globals such as
   `gsl_rng_mt19937`; these accessors read them in C instead. */
static inline const gsl_rng_type *populus_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *populus_rng_taus2(void) { return gsl_rng_taus2; }

/* Turns GSL's abort-on-error handler off once; errors are checked by callers. */
static inline void populus_gsl_quiet(void) { gsl_set_error_handler_off(); }

#endif
