#ifndef STEMCHECK_CYAML_SHIM_H
#define STEMCHECK_CYAML_SHIM_H
#include <yaml.h>
#endif
