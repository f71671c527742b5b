//! The memory store: the contract, with one process's sessions.

use std::sync::Arc;

use wix_auth_flows::store::{ExpiredDeletion, MemoryStore, TokenStore};

use super::contract::{StoreUnderTest, store_contract};

struct Memory(Arc<MemoryStore>);

impl StoreUnderTest for Memory {
    async fn instance(&self) -> Arc<dyn TokenStore> {
        self.0.clone()
    }

    fn shared(&self) -> bool {
        false
    }

    async fn deletion(&self) -> Option<Arc<dyn ExpiredDeletion>> {
        Some(self.0.clone())
    }
}

store_contract!(Memory(Arc::new(MemoryStore::new())));
