"""The data migration gives Editors and Moderators the permissions of the workflow."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow

from accounts.tests.factories import UserFactory
from cms_pages.tests.factories import build_faq

pytestmark = pytest.mark.django_db


def member_of(group_name: str):
    user = UserFactory(is_staff=False)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_editors_can_draft_submit_and_publish_but_not_unlock(cms_home):
    faq = build_faq(cms_home, [("shipping", "Q?", "<p>A.</p>")])
    editor = member_of("Editors")
    perms = faq.permissions_for_user(editor)
    assert editor.has_perm("wagtailadmin.access_admin")
    assert perms.can_edit() and perms.can_publish()
    assert perms.can_submit_for_moderation()
    assert not perms.can_unlock()
    assert not editor.has_perm("wagtailredirects.add_redirect")


def test_moderators_can_also_unlock_manage_redirects_and_read_messages(cms_home):
    faq = build_faq(cms_home, [("shipping", "Q?", "<p>A.</p>")])
    moderator = member_of("Moderators")
    perms = faq.permissions_for_user(moderator)
    assert perms.can_publish() and perms.can_unlock()
    assert moderator.has_perm("wagtailredirects.add_redirect")
    assert moderator.has_perm("cms_pages.view_contactmessage")


def test_moderation_workflow_is_approved_by_moderators(cms_home):
    workflow = Page.get_first_root_node().get_workflow()
    assert isinstance(workflow, Workflow)
    task = workflow.tasks.first().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


def test_revisions_are_kept(cms_home):
    faq = build_faq(cms_home, [("shipping", "Q?", "<p>A.</p>")])
    faq.intro = "Second version"
    faq.save_revision().publish()
    assert faq.revisions.count() == 2
