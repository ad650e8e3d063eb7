/** What the host-check runner's and hook's tests share: the check's input and a probe that answers when told. */
import { createFakeRepository, deferred, type FakeRepository } from "./fakeRepository";

export const input = { userId: "5d0c2a1e-7b3f-4e8a-9c61-2f4d8b7a1e03", formTable: "deploymentstagerun", relayTable: null };

/** A fake repository whose probe answers only once `release` is called: every probe, or with `once` the first only. */
export function slowProbe(once = false): { repo: FakeRepository; release: () => void } {
  const { repo } = createFakeRepository();
  const probe = repo.probeHost.getMockImplementation()!;
  const answer = deferred<void>();
  const held: typeof probe = async (probeInput, signal) => {
    await answer.promise;
    return probe(probeInput, signal);
  };
  if (once) repo.probeHost.mockImplementationOnce(held);
  else repo.probeHost.mockImplementation(held);
  return { repo, release: () => answer.resolve() };
}
