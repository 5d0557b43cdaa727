import logging
from contextlib import contextmanager
from datetime import datetime

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media
from reversion.admin import VersionAdmin
from reversion.models import Version

from newsroom.core import services, spam_terms
from newsroom.core.diffs import (
    FieldChange,
    item_state,
    state_changes,
    value_as_text,
    version_state,
)
from newsroom.core.editor import EDITOR_CONFIG
from newsroom.core.fields import RichTextField
from newsroom.core.images import LeadImageField
from newsroom.core.models import SpamRule, Transition
from newsroom.core.spam import Finding, SpamRefused, describe_findings, spam_check
from newsroom.desk import permissions
from newsroom.desk.preview import preview_url

admin.site.site_header = settings.NEWSROOM_SITE_NAME
admin.site.site_title = settings.NEWSROOM_SITE_NAME
admin.site.index_title = gettext_lazy("Newsroom desk")

Action = Transition.Action
logger = logging.getLogger(__name__)


def error_text(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class EditConflict:
    """What the person saving needs to see when someone else saved the item in the meantime:
    who saved it and when, and each field where the saved version differs from theirs."""

    def __init__(self, *, form, current, loaded_at):
        self.saves = (
            Version.objects.get_for_object(current)
            .filter(revision__date_created__gt=loaded_at)
            .select_related("revision__user")
            .order_by("pk")
        )
        self.changes = []
        for name, yours in form.cleaned_data.items():
            try:
                field = current._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            saved = getattr(current, name).all() if field.many_to_many else getattr(current, name)
            saved, yours = value_as_text(field, saved), value_as_text(field, yours)
            if saved != yours:
                self.changes.append(FieldChange(str(field.verbose_name), saved, yours))


class PublishableAdminForm(forms.ModelForm):
    """Refuses a save over someone else's: the form carries the time of the version it shows."""

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # The person saving (PublishableAdmin.get_form), for the audit trail.
    desk_user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.fields["edit_token"].initial = self.instance.updated_at.isoformat()

    def check_spam(self, current, cleaned_data):
        """Changes to a public or scheduled item are saved only if the spam guard lets them:
        an editor's account in someone else's hands cannot deface a published page."""
        if current.status not in services.PUBLIC_STATUSES:
            return
        values = {name: value for name, value in cleaned_data.items() if name in self.fields}
        try:
            spam_check(current, values=values)
        except SpamRefused as refusal:
            services.spam_refusal_record(
                refusal=refusal, by=self.desk_user, attempted=_("Save changes")
            )
            for name in sorted({finding.field for finding in refusal.findings} & set(self.fields)):
                self.add_error(name, _("This looks like spam; see the message above."))
            raise

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        model = type(self.instance)
        # Locked until the save commits, so two saves cannot both pass this check.
        current = model.objects.select_for_update().get(pk=self.instance.pk)
        loaded = self.data.get(self.add_prefix("edit_token"), "")
        if loaded == current.updated_at.isoformat():
            self.check_spam(current, cleaned_data)
            return cleaned_data
        try:
            loaded_at = datetime.fromisoformat(loaded)
        except ValueError:
            loaded_at = current.updated_at
        self.conflict = EditConflict(form=self, current=current, loaded_at=loaded_at)
        # Once the differences are shown, saving again is a choice: it keeps this version.
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_token")] = current.updated_at.isoformat()
        raise ValidationError(
            _(
                "Someone else saved this while you were editing, so your changes were not "
                "saved. They are still in the form. Compare them with the saved version below, "
                "then save again to keep yours."
            ),
            code="edit_conflict",
        )

    def _post_clean(self):
        super()._post_clean()
        if not self.errors:
            self.store_uploads()

    def store_uploads(self):
        """New images go to the media storage while the form can still answer: if the storage
        fails, nothing is saved and the form keeps what was typed."""
        for field in self.instance._meta.concrete_fields:
            if not isinstance(field, LeadImageField) or field.name not in self.changed_data:
                continue
            try:
                field.store_upload(self.instance)
            except Exception:  # any storage's error (a disk, S3) means the same to the editor
                logger.exception("The media storage refused %s", field.name)
                self.add_error(
                    field.name,
                    _(
                        "The image could not be stored: the media storage did not answer. "
                        "Nothing was saved; send the image again in a moment."
                    ),
                )


class OwnerAgencyFormSet(BaseInlineFormSet):
    """A contributor's item keeps one of their agencies as its owner (lead, organiser)."""

    desk_user = None

    def clean(self):
        super().clean()
        model = type(self.instance)
        if self.desk_user is None or permissions.is_editor(self.desk_user, model):
            return
        own = permissions.member_agency_ids(self.desk_user)
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            agency = data.get("agency")
            if data.get("DELETE") or agency is None:
                continue
            if data.get("role") == model.OWNER_ROLE and agency.pk in own:
                return
        role = dict(self.model._meta.get_field("role").choices)[model.OWNER_ROLE]
        raise ValidationError(
            _("One of your agencies must be linked with the role “%(role)s”.") % {"role": role}
        )


class OwnerAgencyInline(admin.TabularInline):
    formset = OwnerAgencyFormSet
    extra = 1
    autocomplete_fields = ["agency"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.desk_user = request.user
        return formset


class WorkflowForm(forms.Form):
    """What an action needs besides the items: a comment, a time or a reason."""


class SendBackForm(WorkflowForm):
    comment = forms.CharField(
        label=gettext_lazy("Comment for the writers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What to change before it is submitted again."),
    )


class ScheduleForm(WorkflowForm):
    at = forms.SplitDateTimeField(
        label=gettext_lazy("Publication time"),
        widget=admin.widgets.AdminSplitDateTime,
        help_text=gettext_lazy("In Western Indonesian Time (WIB). It goes public by itself then."),
    )


class WithdrawForm(WorkflowForm):
    reason = forms.CharField(
        label=gettext_lazy("Reason for withdrawal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Shown to the public on the withdrawn page."),
    )


@admin.action(description=gettext_lazy("Submit for review"), permissions=["change"])
def submit_for_review(modeladmin, request, queryset):
    return modeladmin.run_workflow(
        request,
        queryset,
        lambda item, data: services.publishable_submit(item=item, by=request.user),
        done=lambda count: ngettext(
            "%(count)d item submitted for review.", "%(count)d items submitted for review.", count
        ),
    )


@admin.action(description=gettext_lazy("Send back to the writers"), permissions=["publish"])
def send_back(modeladmin, request, queryset):
    return modeladmin.run_workflow(
        request,
        queryset,
        lambda item, data: services.publishable_send_back(
            item=item, by=request.user, comment=data["comment"]
        ),
        done=lambda count: ngettext(
            "%(count)d item sent back.", "%(count)d items sent back.", count
        ),
        form_class=SendBackForm,
    )


@admin.action(description=gettext_lazy("Publish now"), permissions=["publish"])
def publish_now(modeladmin, request, queryset):
    return modeladmin.run_workflow(
        request,
        queryset,
        lambda item, data: services.publishable_publish(item=item, by=request.user),
        done=lambda count: ngettext(
            "%(count)d item published.", "%(count)d items published.", count
        ),
    )


@admin.action(description=gettext_lazy("Schedule"), permissions=["publish"])
def schedule(modeladmin, request, queryset):
    return modeladmin.run_workflow(
        request,
        queryset,
        lambda item, data: services.publishable_schedule(item=item, by=request.user, at=data["at"]),
        done=lambda count: ngettext(
            "%(count)d item scheduled.", "%(count)d items scheduled.", count
        ),
        form_class=ScheduleForm,
    )


@admin.action(description=gettext_lazy("Unpublish"), permissions=["publish"])
def unpublish(modeladmin, request, queryset):
    return modeladmin.run_workflow(
        request,
        queryset,
        lambda item, data: services.publishable_unpublish(item=item, by=request.user),
        done=lambda count: ngettext(
            "%(count)d item unpublished.", "%(count)d items unpublished.", count
        ),
    )


@admin.action(description=gettext_lazy("Withdraw with a public reason"), permissions=["publish"])
def withdraw(modeladmin, request, queryset):
    return modeladmin.run_workflow(
        request,
        queryset,
        lambda item, data: services.publishable_withdraw(
            item=item, by=request.user, reason=data["reason"]
        ),
        done=lambda count: ngettext(
            "%(count)d item withdrawn.", "%(count)d items withdrawn.", count
        ),
        form_class=WithdrawForm,
    )


# The admin action of each life cycle action: the change page's buttons post to these too.
WORKFLOW_ACTIONS = {
    Action.SUBMIT: submit_for_review,
    Action.SEND_BACK: send_back,
    Action.PUBLISH: publish_now,
    Action.SCHEDULE: schedule,
    Action.UNPUBLISH: unpublish,
    Action.WITHDRAW: withdraw,
}


class PublishableAdmin(VersionAdmin):
    """What articles and events share in the admin: the publishing life cycle, the roles'
    permissions, revisions and edit conflicts."""

    form = PublishableAdminForm
    publication_fieldset = (
        gettext_lazy("Publication"),
        {
            "fields": [
                "publication_state",
                "published_at",
                "withdrawal_reason",
                "withdrawn_at",
                "edit_token",
            ],
            "description": gettext_lazy(
                "Publishing, scheduling and withdrawing are done with the buttons above the form "
                "or the actions of the list, which check what the item needs first."
            ),
        },
    )
    readonly_fields = [
        "publication_state",
        "published_at",
        "withdrawal_reason",
        "withdrawn_at",
        "created_at",
        "updated_at",
    ]
    list_filter = ["status"]
    date_hierarchy = "published_at"
    save_on_top = True
    actions = list(WORKFLOW_ACTIONS.values())
    change_form_template = "admin/core/publishable/change_form.html"
    change_list_template = "admin/core/publishable/change_list.html"
    object_history_template = "admin/core/publishable/object_history.html"
    formfield_overrides = {
        RichTextField: {
            "widget": AdminProseEditorWidget(config=EDITOR_CONFIG, preset="configurable")
        }
    }

    def render_change_form(self, request, context, *args, **kwargs):
        # The rich-text editor's import map is an inline script: it carries this response's
        # Content-Security-Policy nonce (the desk's pages are never cached).
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    def view_on_site(self, obj):
        # Unpublished work has no public page yet: its preview link is on the change page.
        return obj.get_absolute_url() if obj.is_public else None

    @admin.display(description=gettext_lazy("state"), ordering="status")
    def publication_state(self, obj):
        return obj.publication_state

    # Permissions: the roles' rules live in newsroom.desk.permissions.

    def get_queryset(self, request):
        return permissions.accessible(super().get_queryset(request), request.user)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or permissions.can_view(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or permissions.can_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or permissions.can_view(request.user, obj)
        )

    def has_publish_permission(self, request):
        return permissions.is_editor(request.user, self.model)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.desk_user = request.user
        return form

    # Saving: who created it, a revision of the whole item, and the one hook for side effects.

    @contextmanager
    def create_revision(self, request):
        # The revision is made once everything is saved (save_related), so that it holds the
        # agency links as saved, not as they were before the inlines were saved.
        with reversion.create_revision(manage_manually=True):
            reversion.set_user(request.user)
            yield

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if reversion.is_active():
            # Read again: the admin's object holds its agency links as prefetched before saving.
            reversion.add_to_revision(type(form.instance).objects.get(pk=form.instance.pk))

    def delete_model(self, request, obj):
        with reversion.create_revision(manage_manually=True):
            reversion.set_user(request.user)
            reversion.set_comment(_("Deleted."))
            reversion.add_to_revision(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        items = list(queryset)
        with reversion.create_revision(manage_manually=True):
            reversion.set_user(request.user)
            reversion.set_comment(_("Deleted."))
            for item in items:
                reversion.add_to_revision(item)
        super().delete_queryset(request, queryset)

    # The life cycle's actions, on one item or many: the same services, the same checks.

    def run_workflow(self, request, queryset, run, *, done, form_class=None):
        """Run an action on each selected item, saying what was done and what was refused."""
        form = None
        if form_class is not None:
            form = form_class(request.POST if "apply" in request.POST else None)
            if not form.is_valid():
                return self.workflow_form_response(request, queryset, form)
        count = 0
        for item in queryset:
            try:
                run(item, form.cleaned_data if form else {})
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, error_text(error), messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, done(count) % {"count": count}, messages.SUCCESS)
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            return HttpResponseRedirect(next_url)
        return None

    def workflow_form_response(self, request, queryset, form):
        context = {
            **self.admin_site.each_context(request),
            "title": dict(self.get_action_choices(request)).get(request.POST.get("action"), ""),
            "opts": self.model._meta,
            "items": queryset,
            "form": form,
            "action": request.POST.get("action", ""),
            "next": request.POST.get("next", ""),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/core/publishable/workflow_action.html", context)

    def changelist_view(self, request, extra_context=None):
        context = {"can_recover": self.has_delete_permission(request), **(extra_context or {})}
        return super().changelist_view(request, context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if item is not None and self.has_view_permission(request, item):
            possible = services.possible_actions(item=item, by=request.user)
            context["workflow"] = {
                "actions": [
                    (WORKFLOW_ACTIONS[action].__name__, Action(action).label) for action in possible
                ],
                "transitions": item.transitions.select_related("by")[:10],
                "preview_url": None if item.is_public else preview_url(request, item),
                "is_scheduled": item.is_scheduled,
            }
        return super().change_view(request, object_id, form_url, context)

    # History: every revision, its differences, and a restore in one step.

    def history_view(self, request, object_id, extra_context=None):
        item = self.get_object(request, unquote(object_id))
        if item is None or not self.has_view_permission(request, item):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        item = self.get_object(request, unquote(object_id))
        if item is None or not self.has_view_permission(request, item):
            raise Http404
        versions = Version.objects.get_for_object(item).select_related("revision__user")
        version = get_object_or_404(versions, pk=version_id)
        change_url = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[quote(item.pk)],
        )
        if request.method == "POST":
            try:
                services.publishable_restore(item=item, version=version, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, error_text(error), messages.ERROR)
            else:
                self.message_user(request, _("The revision was restored."), messages.SUCCESS)
                return HttpResponseRedirect(change_url)
        previous = versions.filter(pk__lt=version.pk).first()
        this_state = version_state(version)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revision of “%(item)s”") % {"item": item},
            "opts": self.opts,
            "original": item,
            "version": version,
            "changes_made": state_changes(version_state(previous) if previous else {}, this_state),
            "changes_on_restore": state_changes(item_state(item), this_state),
            "can_restore": permissions.can_act(request.user, Action.RESTORE, item),
            "change_url": change_url,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/core/publishable/revision.html", context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        if request.method == "POST":
            try:
                item = services.publishable_recover(version=version, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, error_text(error), messages.ERROR)
            else:
                self.message_user(request, _("Recovered as a draft."), messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse(
                        f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
                        args=[quote(item.pk)],
                    )
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Recover “%(item)s”") % {"item": version.object_repr},
            "opts": self.opts,
            "version": version,
            "state": version_state(version),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/core/publishable/recover.html", context)


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    """The audit trail, to read: no one adds, changes or deletes an entry, administrators
    included (the model and a database trigger refuse it too). Seen by those with the view
    permission, which the Administrator role has."""

    list_display = ["at", "action", "item_link", "content_type", "by", "from_status", "to_status"]
    list_filter = [
        "action",
        ("by", admin.RelatedOnlyFieldListFilter),
        ("at", admin.DateFieldListFilter),
        ("content_type", admin.RelatedOnlyFieldListFilter),
    ]
    date_hierarchy = "at"
    search_fields = ["item_title", "note", "by__username"]
    list_select_related = ["by", "content_type"]
    fields = [
        "at", "action", "content_type", "object_id", "item_link", "by", "from_status",
        "to_status", "publish_at", "note", "found",
    ]  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("item")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("item"), ordering="item_title")
    def item_link(self, step):
        if step.item is None:
            if step.object_id is None:
                return step.item_title
            return _("%(title)s (deleted)") % {"title": step.item_title}
        opts = step.item._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[step.item.pk])
        return format_html('<a href="{}">{}</a>', url, step.item_title or step.item)

    @admin.display(description=gettext_lazy("spam found"))
    def found(self, step):
        model = step.content_type.model_class()
        findings = [Finding(**finding) for finding in step.findings]
        return describe_findings(model, findings) if model else ""


@admin.register(SpamRule)
class SpamRuleAdmin(admin.ModelAdmin):
    """Administrators' changes to the spam guard's shipped lists, applied at once."""

    list_display = ["value", "kind", "note", "created_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]
    fields = ["kind", "value", "note"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def changelist_view(self, request, extra_context=None):
        context = {
            "shipped": {
                "phrases": sorted(spam_terms.BLOCKED_PHRASES),
                "blocked_domains": sorted(spam_terms.BLOCKED_DOMAINS),
                "allowed_domains": sorted(
                    {*spam_terms.ALLOWED_DOMAINS, *settings.NEWSROOM_ALLOWED_LINK_DOMAINS}
                ),
            },
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)
