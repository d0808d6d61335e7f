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

/* Swift 6 strict concurrency rejects direct use of mutable C globals such as
   `gsl_rng_mt19937`; these accessors read them in C instead. */
static inline const gsl_rng_type *populus_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *populus_rng_taus2(void) { return gsl_rng_taus2; }

/* Turns GSL's abort-on-error handler off once; errors are checked by callers. */
static inline void populus_gsl_quiet(void) { gsl_set_error_handler_off(); }

#endif
