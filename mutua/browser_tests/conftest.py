"""A real Chromium (Debian's) driven by Playwright, at a phone's or a desktop's width."""

import os

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from playwright.sync_api import Browser
from playwright.sync_api import Page
from playwright.sync_api import sync_playwright

from mutua.testing.browser import CHROMIUM_ARGS
from mutua.testing.browser import PHONE


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in the test thread; the database
    # calls the tests make around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=settings.CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def open_page(browser: Browser, viewport: dict = PHONE, locale: str = "en") -> Page:
    """Open a page in a fresh context (own cookies), a touch phone's if narrow,
    whose browser asks for pages in `locale`'s language."""
    small = viewport["width"] < 600
    context = browser.new_context(
        viewport=viewport, is_mobile=small, has_touch=small, locale=locale
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def new_page(browser):
    """Open pages as needed, each in its own context; all are closed after the test."""
    contexts = []

    def opener(viewport: dict = PHONE, locale: str = "en") -> Page:
        page = open_page(browser, viewport, locale)
        contexts.append(page.context)
        return page

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def phone(browser):
    """A fresh phone-sized browser context (own cookies) and a page in it."""
    page = open_page(browser, PHONE)
    yield page
    page.context.close()


@pytest.fixture
def verified_people(people):
    """The personas, each with a verified e-mail address so that they can log in."""
    for user in (
        people.focal_point,
        people.coordinator,
        people.member,
        people.provider,
        people.outsider,
        people.secretariat,
    ):
        EmailAddress.objects.create(
            user=user, email=user.email, verified=True, primary=True
        )
    return people
