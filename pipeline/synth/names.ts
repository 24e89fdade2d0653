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

export const CAREER_CLUSTERS = [
  "agriculture_food_natural_resources",
  "architecture_construction",
  "arts_av_communications",
  "business_management",
  "education_training",
  "finance",
  "government_public_administration",
  "health_science",
  "hospitality_tourism",
  "human_services",
  "information_technology",
  "law_public_safety",
  "manufacturing",
  "marketing",
  "stem",
  "transportation_logistics",
];

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
