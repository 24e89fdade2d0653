// Fictional place words for districts, schools and colleges. Combinations are invented so the
// output cannot be mistaken for a real Mississippi district or school (a test checks the real
// names in ../shared/reference never occur).
export const PLACE_WORDS = [
  "Amberly",
  "Bluestem",
  "Briarwood",
  "Cattail",
  "Cedarvale",
  "Copperleaf",
  "Dovecote",
  "Elderbrook",
  "Fernbrook",
  "Foxglove",
  "Goldenrod",
  "Heronwood",
  "Hickorynut",
  "Ironweed",
  "Larkspur",
  "Meadowlark",
  "Millstone",
  "Mossbank",
  "Nettlefield",
  "Otterbrook",
  "Partridge",
  "Quailrun",
  "Redbud",
  "Sassafras",
  "Sedgefield",
  "Silverbell",
  "Sweetgum",
  "Tanglewood",
  "Thistledown",
  "Tupelo Bend",
  "Wrenfield",
  "Yellowhammer",
];
export const PLACE_SUFFIXES = [
  "Hollow",
  "Crossing",
  "Fork",
  "Landing",
  "Ridge",
  "Springs",
  "Prairie",
  "Bluff",
  "Valley",
  "Shoals",
];

export const COMPASS = ["North", "South", "East", "West", "Central", "Upper", "Lower", "New"];

/** The 16 National Career Clusters, as plan files name them (free text in the contract). */
export const CAREER_CLUSTERS = [
  "Agriculture, Food & Natural Resources",
  "Architecture & Construction",
  "Arts, A/V Technology & Communications",
  "Business Management & Administration",
  "Education & Training",
  "Finance",
  "Government & Public Administration",
  "Health Science",
  "Hospitality & Tourism",
  "Human Services",
  "Information Technology",
  "Law, Public Safety, Corrections & Security",
  "Manufacturing",
  "Marketing",
  "Science, Technology, Engineering & Mathematics",
  "Transportation, Distribution & Logistics",
];

/** Interests some plans record in place of a cluster: free text outside the 16. */
export const OTHER_INTERESTS = ["Cosmetology", "Welding Technology", "Marine Biology"];

export const MAJORS = [
  "BIOLOGY",
  "BUSINESS ADMINISTRATION",
  "NURSING",
  "ELEMENTARY EDUCATION",
  "GENERAL STUDIES",
  "PSYCHOLOGY",
  "MECHANICAL ENGINEERING",
  "COMPUTER SCIENCE",
  "CRIMINAL JUSTICE",
  "ACCOUNTING",
  "AGRICULTURE",
  "WELDING TECHNOLOGY",
];

export const OTHER_STATES = ["AL", "TN", "LA", "AR", "TX", "GA", "FL", "KY"];

/** n distinct "Word Suffix" names, in a fixed order (the caller shuffles with the seed). */
export function placeNames(): string[] {
  const out: string[] = [];
  for (const suffix of PLACE_SUFFIXES) for (const word of PLACE_WORDS) out.push(`${word} ${suffix}`);
  return out;
}
