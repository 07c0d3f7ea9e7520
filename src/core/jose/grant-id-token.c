/* grant-id-token.c — placeholder, being written. */
#include "config.h"
#include "grant-id-token.h"
