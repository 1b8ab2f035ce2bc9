// schema.org JSON-LD of an event, an association and an announcement, from the API's JSON: the shapes
// layers/common/hromada/structured_data.py gives the crawlable pages (keep the two in step).

import { plainText } from "./dom.js";
import { lang, pick } from "./i18n.js";

const SCHEMA = "https://schema.org";
const page = (hash) => `${window.location.origin}${window.location.pathname}#/${hash}`;
const picture = (item, fallback) => (item?.picture ? new URL(item.picture.large.src, window.location.href).href
  : (typeof fallback === "string" && fallback.startsWith("https://") ? fallback : null));
const organizationRef = (ref) => ({
  "@type": "Organization", name: ref.name, url: page(`associations/${encodeURIComponent(ref.slug)}`),
});

/** `regionName`: the venue's region in the page's language (from GET /regions), when known. */
export function eventData(ev, regionName = null) {
  const locations = [];
  if (ev.venue) {
    const v = ev.venue;
    const place = {
      "@type": "Place", name: v.name,
      address: { "@type": "PostalAddress", streetAddress: v.address, addressLocality: v.city,
        postalCode: v.postal_code, addressRegion: regionName || v.region, addressCountry: "FR" },
    };
    if (v.latitude != null) place.geo = { "@type": "GeoCoordinates", latitude: v.latitude, longitude: v.longitude };
    locations.push(place);
  }
  if (ev.online_url) locations.push({ "@type": "VirtualLocation", url: ev.online_url });
  const mode = ev.venue && ev.online_url ? "Mixed" : ev.online_url ? "Online" : "Offline";
  const full = ev.seats && ev.seats.available === 0;
  const url = page(`events/${encodeURIComponent(ev.id)}`);
  const data = {
    "@context": SCHEMA, "@type": "Event", name: pick(ev.title)?.text || ev.id,
    description: plainText(pick(ev.description)?.text).trim(),
    startDate: ev.start_local, endDate: ev.end_local,
    eventAttendanceMode: `${SCHEMA}/${mode}EventAttendanceMode`,
    eventStatus: `${SCHEMA}/${ev.status === "cancelled" ? "EventCancelled" : "EventScheduled"}`,
    organizer: organizationRef(ev.association),
    offers: { "@type": "Offer", url: ev.ticket_url || url, priceCurrency: "EUR",
      price: ev.is_free || !ev.price_cents ? "0" : (ev.price_cents / 100).toFixed(2),
      availability: `${SCHEMA}/${full ? "SoldOut" : "InStock"}`, validFrom: ev.created_at },
    url, inLanguage: lang(),
  };
  if (locations.length) data.location = locations.length === 1 ? locations[0] : locations;
  const image = picture(ev, ev.image_url);
  if (image) data.image = [image];
  return data;
}

/** `regionName`: the region in the page's language (from GET /regions), when known. */
export function organizationData(a, regionName = null) {
  const data = {
    "@context": SCHEMA, "@type": "Organization", name: a.name,
    url: page(`associations/${encodeURIComponent(a.slug)}`), description: pick(a.description)?.text || "",
    address: { "@type": "PostalAddress", addressLocality: a.city, postalCode: a.postal_code, addressCountry: "FR" },
    areaServed: { "@type": "AdministrativeArea", name: regionName || a.region },
  };
  const logo = picture(a, a.logo_url);
  if (logo) data.logo = logo;
  const sameAs = [a.website, ...Object.values(a.social_links || {})].filter(Boolean);
  if (sameAs.length) data.sameAs = sameAs;
  return data;
}

export function articleData(item) {
  const author = organizationRef(item.association);
  const data = {
    "@context": SCHEMA, "@type": "NewsArticle", headline: (pick(item.title)?.text || item.id).slice(0, 110),
    datePublished: item.created_at, dateModified: item.updated_at, author: [author], publisher: author,
    inLanguage: lang(), mainEntityOfPage: page(`announcements/${encodeURIComponent(item.id)}`),
  };
  const image = picture(item, null);
  if (image) data.image = [image];
  return data;
}

// A verdict as Google's ClaimReview rating (hromada/structured_data.py VERDICT_RATINGS): words in alternateName.
const VERDICT_RATINGS = { false: 1, misleading: 2, missing_context: 3, true: 5 };

/** The ClaimReview of a claim answered by the fact-check announcement `item` (`verdictWords`: in the page's language). */
export function claimReviewData(claim, item, verdictWords) {
  const reviewed = { "@type": "Claim" };
  if (claim.urls.length) {
    reviewed.appearance = claim.urls.map((url) => ({ "@type": "CreativeWork", url }));
    reviewed.firstAppearance = { "@type": "CreativeWork", url: claim.urls[0] };
  }
  if (claim.first_seen_on) reviewed.datePublished = claim.first_seen_on;
  return {
    "@context": SCHEMA, "@type": "ClaimReview", url: page(`announcements/${encodeURIComponent(item.id)}`),
    claimReviewed: (pick(claim.text)?.text || claim.id).slice(0, 500), itemReviewed: reviewed,
    author: organizationRef(item.association),
    reviewRating: { "@type": "Rating", ratingValue: VERDICT_RATINGS[claim.verdict], bestRating: 5, worstRating: 1,
      alternateName: verdictWords },
    datePublished: item.created_at, inLanguage: lang(),
  };
}
