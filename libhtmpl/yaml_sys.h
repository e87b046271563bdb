/* yaml_sys.h - libyaml's own <yaml.h> for the data module (yaml_load.c, yaml_emit.c).
 *
 * libhtmpl/ is on the include path and holds our yaml.h, which shadows libyaml's header of
 * the same name. Include this file with angle brackets (<yaml_sys.h>) so it is found through
 * the include path and #include_next continues the search past libhtmpl/. */
#ifndef HTMPL_YAML_SYS_H
#define HTMPL_YAML_SYS_H

#include_next <yaml.h>

#endif
