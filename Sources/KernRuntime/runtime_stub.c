#include "kern_runtime.h"
/* Placeholder translation unit; the runtime's implementation files replace it. */
