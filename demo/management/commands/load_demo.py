import datetime
import json

from django.contrib.auth.models import Group as PermissionGroup
from django.contrib.sites.models import Site as DjangoSite
from django.core.management.base import BaseCommand
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Locale, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from allauth.account.models import EmailAddress

from about.factories import AboutPageFactory, AccessibilityStatementPageFactory
from about.models import AboutPage, AccessibilityStatementPage
from access.models import Membership
from access.policy import AccessLevel
from accounts.factories import UserFactory
from accounts.models import User
from blog.factories import BlogIndexPageFactory, BlogPageFactory
from blog.models import BlogIndexPage, BlogPage, BlogPageRelatedPin
from core.factories import ImageFactory
from core.site_address import host_and_port
from demo import content
from engagement.models import DailyViews, Follow, PostViews, Rating
from engagement.reactions import store_reaction, thread_of
from engagement.readership import recount_recent_reads
from groups.factories import GroupIndexPageFactory, GroupPageFactory
from groups.models import GroupIndexPage, GroupPage
from groups.rights import set_up_group, shared_collection, sync_member
from privacy.models import PrivacyStatementVersion, agree


class Command(BaseCommand):
    help = "Build Samen's Dutch demo site: groups, blog posts, images and logins. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--domain", default="127.0.0.1:8000", help="Domain the site is served on.")

    # Not one transaction: wagtail-localize publishes each translation when its transaction
    # commits, from the page as it was then; inside one big transaction those late publishes
    # would overwrite the tree bookkeeping of translated parents. Every step is idempotent,
    # so an interrupted run is finished by running the command again.
    def handle(self, *args, domain, **options):
        self.created = 0
        DjangoSite.objects.update_or_create(pk=1, defaults={"domain": domain, "name": "Samen"})
        # Wagtail's links in its own mails come from its Site record: the same address.
        hostname, port = host_and_port(f"http://{domain}")
        Site.objects.filter(is_default_site=True).update(hostname=hostname, port=port)
        users = {spec["key"]: self.user(spec) for spec in content.USERS}
        home = Site.objects.get(is_default_site=True).root_page.specific
        if not home.intro:
            home.intro = content.SITE["home"]["intro"]
            home.save_revision(user=users["beheer"]).publish()
            self.created += 1

        group_index = self.index(GroupIndexPage, home, GroupIndexPageFactory, content.SITE["group_index"])
        blog_index = self.index(BlogIndexPage, home, BlogIndexPageFactory, content.SITE["blog_index"])
        about_pages = self.about_pages(home)

        groups = {}
        for spec in content.GROUPS:
            groups[spec["slug"]] = self.page(
                GroupPage,
                group_index,
                spec["slug"],
                GroupPageFactory,
                title=spec["title"],
                description=spec["description"],
                intro=spec["intro"],
                image=self.image(f"Groep {spec['title']}"),
                is_closed=spec.get("closed", False),
            )

        posts = {}
        for spec in content.POSTS:
            hero = self.image(f"Blog {spec['title']}")
            body = content.with_image_ids(spec["body"], lambda title: self.image(title).pk)
            date = timezone.make_aware(datetime.datetime.fromisoformat(spec["date"]))
            posts[spec["slug"]] = self.page(
                BlogPage,
                groups[spec["group"]],
                spec["slug"],
                BlogPageFactory,
                title=spec["title"],
                teaser=spec["teaser"],
                author=users[spec["author"]],
                date_published=date,
                hero_image=hero,
                hero_image_alt=spec["hero_alt"],
                body=json.dumps(body),
                tags=spec["tags"],
                access_level=spec.get("access", AccessLevel.PUBLIC),
            )
        for spec in content.POSTS:
            post = posts[spec["slug"]]
            for order, slug in enumerate(spec.get("pins", [])):
                _, made = BlogPageRelatedPin.objects.get_or_create(
                    page=post, related=posts[slug], defaults={"sort_order": order}
                )
                self.created += made

        self.privacy_statement_version(users)
        self.memberships(groups, users)
        self.reactions(posts, users)
        self.ratings({**posts, **groups}, users)
        self.reads(posts)
        english = Locale.objects.get(language_code="en")
        for page in [home, group_index, blog_index, *about_pages, *groups.values(), *posts.values()]:
            if page.slug not in content.UNTRANSLATED_POSTS:
                self.translate(page, english, users["vera"])
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({self.created} new objects)."))

    def translate(self, page, locale, translator):
        """The English version of ``page``, made the way a translator makes one: through
        wagtail-localize's translation of the Dutch source, string by string."""
        if page.get_translation_or_none(locale) is not None:
            return
        source, _ = TranslationSource.get_or_create_from_instance(page)
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        for segment in segments:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": content.EN[segment.string.data],
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "last_translated_by": translator,
                },
            )
        translation.save_target(user=translator, publish=True)
        self.created += 1

    def user(self, spec):
        user = User.objects.filter(email__iexact=spec["email"]).first()
        if user is None:
            user = UserFactory(
                email=spec["email"],
                display_name=spec["display_name"],
                password=spec["password"],
                is_staff=spec.get("is_staff", False),
                is_superuser=spec.get("is_superuser", False),
                bio=spec["bio"],
            )
            self.created += 1
        # Demo members have confirmed their address, so they can log in straight away.
        _, made = EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        self.created += made
        # Site roles such as the translators' come from Django permission groups.
        for name in spec.get("permission_groups", ()):
            user.groups.add(PermissionGroup.objects.get(name=name))
        return user

    def privacy_statement_version(self, users):
        """The privacy statement's first version, in Dutch and English, which the demo's
        members agreed to when they signed up; an editor adds the next one in the admin."""
        spec = content.SITE["privacy_statement_version"]
        version, made = PrivacyStatementVersion.objects.get_or_create(
            label=spec["label"],
            locale=Locale.get_default(),
            defaults={"in_force_from": datetime.date.fromisoformat(spec["in_force_from"]), "summary": spec["summary"]},
        )
        self.created += made
        english = Locale.objects.get(language_code="en")
        if version.get_translation_or_none(english) is None:
            translated = version.copy_for_translation(english)
            translated.summary = spec["summary_en"]
            translated.save()
            self.created += 1
        for user in users.values():
            agree(user, version)

    def reactions(self, posts, users):
        """The demo conversation, written once: posts that already have reactions keep them."""
        already = {slug for slug, post in posts.items() if thread_of(post).exists()}
        made = []
        base = timezone.make_aware(datetime.datetime(2026, 1, 5, 9, 30))
        for number, spec in enumerate(content.REACTIONS):
            if spec["post"] in already:
                made.append(None)
                continue
            post = posts[spec["post"]]
            author = users[spec["author"]]
            parent_reaction = made[spec["reply_to"]] if spec["reply_to"] is not None else None
            reaction = store_reaction(
                post,
                author,
                spec["text"],
                parent_id=parent_reaction.pk if parent_reaction else 0,
                submit_date=base + datetime.timedelta(hours=number * 5),
            )
            Follow.objects.get_or_create(user=author, translation_key=post.translation_key)
            made.append(reaction)
            self.created += 1

    def memberships(self, groups, users):
        """The demo's members, with the admin rights and approval workflow that go with
        them (made here because the factories publish without Wagtail's signals)."""
        for group in groups.values():
            set_up_group(group)
        for spec in content.MEMBERSHIPS:
            member, key = users[spec["member"]], groups[spec["group"]].translation_key
            _, made = Membership.objects.get_or_create(user=member, group_key=key, defaults={"role": spec["role"]})
            sync_member(member, key)
            self.created += made

    def ratings(self, items, users):
        for spec in content.RATINGS:
            _, made = Rating.objects.get_or_create(
                user=users[spec["member"]],
                translation_key=items[spec["item"]].translation_key,
                defaults={"score": spec["score"]},
            )
            self.created += made

    def reads(self, posts):
        """Read counts for the demo posts, so "most read" has something to show. Added
        only to posts that have never been read, so running again adds nothing."""
        today = timezone.localdate()
        for number, spec in enumerate(content.READS["posts"]):
            key = posts[spec["post"]].translation_key
            if PostViews.objects.filter(translation_key=key).exists():
                continue
            for days_ago, views in enumerate(spec["last_seven_days"]):
                day = today - datetime.timedelta(days=days_ago)
                DailyViews.objects.create(translation_key=key, day=day, views=views)
            earlier = content.READS["before_last_week"] // (number + 1)
            PostViews.objects.create(translation_key=key, views=earlier + sum(spec["last_seven_days"]))
            self.created += 1
        # "Most read" counts from the daily reads, as the daily job sums them.
        recount_recent_reads()

    def image(self, title):
        image = get_image_model().objects.filter(title=title).first()
        if image is None:
            # Shared, so that the demo's group authors can choose them too.
            image = ImageFactory(title=title, collection=shared_collection())
            self.created += 1
        return image

    def about_pages(self, home):
        """The accessibility statement and the other pages the footer links to."""
        spec = content.ABOUT["accessibility"]
        problems = [{"type": "problem", "value": problem} for problem in spec["known_problems"]]
        statement = self.page(
            AccessibilityStatementPage,
            home,
            spec["slug"],
            AccessibilityStatementPageFactory,
            title=spec["title"],
            organisation=spec["organisation"],
            site_address=spec["site_address"],
            compliance_status=spec["compliance_status"],
            statement_date=datetime.date.fromisoformat(spec["statement_date"]),
            last_checked=datetime.date.fromisoformat(spec["last_checked"]),
            check_results=spec["check_results"],
            known_problems=json.dumps(problems),
            contact=spec["contact"],
        )
        others = [
            self.page(
                AboutPage,
                home,
                page["slug"],
                AboutPageFactory,
                title=page["title"],
                footer_role=page["footer_role"],
                body=json.dumps(page["body"]),
            )
            for page in content.ABOUT["pages"]
        ]
        return [statement, *others]

    def index(self, model, home, factory, spec):
        return self.page(model, home, spec["slug"], factory, title=spec["title"], intro=spec["intro"])

    def page(self, model, parent, slug, factory, **fields):
        """The page ``slug`` under ``parent``; created and published if it is missing,
        left exactly as it is otherwise (an editor may have changed it)."""
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing
        page = factory(parent=parent, slug=slug, **fields)
        page.save_revision(user=getattr(page, "author", None)).publish()
        self.created += 1
        return page
