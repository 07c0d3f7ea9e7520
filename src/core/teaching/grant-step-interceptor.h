/* grant-step-interceptor.h
 * Step mode's interceptor: holds each request (and each authorization response) until the
 * user sends it on, edited or not, or stops the flow.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-http-interceptor.h"
#include "grant-provider-metadata.h"
#include "grant-step-explanation.h"

G_BEGIN_DECLS

#define GRANT_TYPE_STEP_INTERCEPTOR (grant_step_interceptor_get_type ())

G_DECLARE_FINAL_TYPE (GrantStepInterceptor, grant_step_interceptor,
                      GRANT, STEP_INTERCEPTOR, GObject)

GrantStepInterceptor  *grant_step_interceptor_new           (void);
GrantProviderMetadata *grant_step_interceptor_get_metadata  (GrantStepInterceptor  *self);
void                   grant_step_interceptor_set_metadata  (GrantStepInterceptor  *self,
                                                             GrantProviderMetadata *metadata);
gboolean               grant_step_interceptor_get_paused    (GrantStepInterceptor  *self);
guint                  grant_step_interceptor_get_n_pending (GrantStepInterceptor  *self);
const char            *grant_step_interceptor_get_title     (GrantStepInterceptor  *self);
GrantStepExplanation  *grant_step_interceptor_get_explanation
                                                            (GrantStepInterceptor  *self);
GrantHttpRequest      *grant_step_interceptor_get_request   (GrantStepInterceptor  *self);
GHashTable            *grant_step_interceptor_get_response_parameters
                                                            (GrantStepInterceptor  *self);
const char            *grant_step_interceptor_get_redirect_uri
                                                            (GrantStepInterceptor  *self);
void                   grant_step_interceptor_continue      (GrantStepInterceptor  *self);
void                   grant_step_interceptor_cancel        (GrantStepInterceptor  *self);
void                   grant_step_interceptor_release_all   (GrantStepInterceptor  *self);
void                   grant_step_interceptor_cancel_all    (GrantStepInterceptor  *self);

G_END_DECLS
