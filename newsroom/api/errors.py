"""Every API error is JSON with a message for people: {"detail": …, "errors": {…}}."""

import logging

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

logger = logging.getLogger(__name__)


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        # Not an error DRF knows: log it for us and answer in JSON, without a traceback.
        logger.error("API request failed", exc_info=exc)
        set_rollback()
        return Response(
            {"detail": _("Something went wrong on our side. Please try again later.")},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, ValidationError):
        response.data = {"detail": _("Some parameters could not be used."), "errors": response.data}
    return response
